<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-audit.xsl: the secretariat's audit log, newest first, 50 a page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.audit.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="qc:msg('staff.audit.title')"/></h1>
    <xsl:choose>
      <xsl:when test="not(audit/entry)">
        <p><xsl:value-of select="qc:msg('staff.audit.none')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('staff.audit.title')}">
          <table class="data audit">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="qc:msg('staff.audit.col_at')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.audit.col_actor')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.audit.col_action')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.audit.col_object')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.audit.col_change')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="audit/entry">
                <tr id="audit-{@id}">
                  <td><time datetime="{@at-iso}"><xsl:value-of select="@at-local"/></time></td>
                  <td><xsl:value-of select="@actor"/><br/><small><xsl:value-of select="@ip"/></small></td>
                  <td class="action" data-action="{@action}"><xsl:value-of select="qc:msg(concat('audit.', @action))"/></td>
                  <td><xsl:value-of select="object"/></td>
                  <td>
                    <xsl:if test="before">
                      <p class="before"><strong><xsl:value-of select="qc:msg('staff.audit.before')"/></strong><xsl:text> </xsl:text><span class="pre"><xsl:value-of select="before"/></span></p>
                    </xsl:if>
                    <xsl:if test="after">
                      <p class="after"><strong><xsl:value-of select="qc:msg('staff.audit.after')"/></strong><xsl:text> </xsl:text><span class="pre"><xsl:value-of select="after"/></span></p>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:if test="audit/@older">
          <p><a href="{$base}/nhat-ky?truoc={audit/@older}"><xsl:value-of select="qc:msg('staff.audit.older')"/></a></p>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
