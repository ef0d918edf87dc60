<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-definition.xsl: the contest-definition file: download it; upload a changed one,
     which is validated (errors with their line), previewed (what changes, before -> after)
     and stored only after a confirmation. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.def.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="imp" select="import"/>
    <h1><xsl:value-of select="qc:msg('staff.def.title')"/></h1>
    <xsl:if test="notice">
      <p class="notice" role="status"><xsl:value-of select="qc:msg(notice)"/></p>
    </xsl:if>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('staff.def.export')"/></h2>
      <p class="hint"><xsl:value-of select="qc:msg('staff.def.export_hint')"/></p>
      <p><a class="button download" href="{$base}/dinh-nghia/tai-ve"><xsl:value-of select="qc:msg('staff.def.download', definition/@file)"/></a></p>
    </section>

    <xsl:if test="$imp/@error">
      <section class="card import-errors">
        <p class="form-error" role="alert">
          <xsl:value-of select="qc:msg($imp/@error, $imp/@file-code, definition/@code)"/>
        </p>
        <xsl:if test="$imp/errors/error">
          <ul class="errors">
            <xsl:for-each select="$imp/errors/error">
              <li>
                <xsl:choose>
                  <xsl:when test="@line"><xsl:value-of select="qc:msg('staff.def.error_line', @line, .)"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <p><xsl:value-of select="qc:msg('staff.def.nothing_changed')"/></p>
      </section>
    </xsl:if>

    <xsl:choose>
      <xsl:when test="$imp/preview">
        <xsl:variable name="pv" select="$imp/preview"/>
        <section class="card preview">
          <h2><xsl:value-of select="qc:msg('staff.def.preview', $imp/@filename)"/></h2>
          <p><xsl:value-of select="qc:msg('staff.def.preview_valid', $pv/@rounds, $pv/@units)"/></p>
          <xsl:if test="$pv/@attempts &gt; 0">
            <p class="notice"><xsl:value-of select="qc:msg('staff.def.preview_attempts', $pv/@attempts)"/></p>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$pv/changes/@count = 0">
              <p><xsl:value-of select="qc:msg('staff.def.no_changes')"/></p>
            </xsl:when>
            <xsl:otherwise>
              <p><xsl:value-of select="qc:msg('staff.def.changes', $pv/changes/@count)"/></p>
              <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
                <table class="data changes">
                  <thead>
                    <tr>
                      <th scope="col"><xsl:value-of select="qc:msg('staff.def.col_setting')"/></th>
                      <th scope="col"><xsl:value-of select="qc:msg('staff.def.col_before')"/></th>
                      <th scope="col"><xsl:value-of select="qc:msg('staff.def.col_after')"/></th>
                    </tr>
                  </thead>
                  <tbody>
                    <xsl:for-each select="$pv/changes/change">
                      <tr>
                        <th scope="row"><code><xsl:value-of select="@setting"/></code></th>
                        <td class="before"><xsl:value-of select="before"/></td>
                        <td class="after"><xsl:value-of select="after"/></td>
                      </tr>
                    </xsl:for-each>
                  </tbody>
                </table>
              </div>
            </xsl:otherwise>
          </xsl:choose>
          <p class="hint"><xsl:value-of select="qc:msg('staff.def.kept_hint')"/></p>
          <form method="post" action="{$base}/dinh-nghia/xac-nhan">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <input type="hidden" name="token" value="{$pv/@token}"/>
            <button type="submit"><xsl:value-of select="qc:msg('staff.def.confirm')"/></button>
            <xsl:text> </xsl:text>
            <a href="{$base}/dinh-nghia"><xsl:value-of select="qc:msg('staff.def.cancel')"/></a>
          </form>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <form method="post" action="{$base}/dinh-nghia" enctype="multipart/form-data" class="card form">
          <h2><xsl:value-of select="qc:msg('staff.def.import')"/></h2>
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <div class="field">
            <label for="f-tep"><xsl:value-of select="qc:msg('staff.def.file')"/><span class="req" aria-hidden="true"> *</span></label>
            <p class="hint" id="tep-hint"><xsl:value-of select="qc:msg('staff.def.file_hint')"/></p>
            <input id="f-tep" name="tep" type="file" accept=".xml,application/xml,text/xml" required="required" aria-describedby="tep-hint"/>
          </div>
          <button type="submit"><xsl:value-of select="qc:msg('staff.def.check')"/></button>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
