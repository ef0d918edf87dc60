<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-contestant.xsl: find a contestant by phone; reset the password (the temporary
     password is shown once, here, to be passed on). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.contestant.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="c" select="contestant"/>
    <h1><xsl:value-of select="qc:msg('staff.contestant.title')"/></h1>
    <xsl:if test="reset/@password">
      <section class="card notice reset" role="status">
        <p><xsl:value-of select="qc:msg('staff.contestant.reset_done', $c/name, $c/@phone)"/></p>
        <p class="temporary-password"><xsl:value-of select="qc:msg('staff.contestant.temporary')"/><xsl:text> </xsl:text><strong><code class="password"><xsl:value-of select="reset/@password"/></code></strong></p>
        <p class="hint"><xsl:value-of select="qc:msg('staff.contestant.reset_hint')"/></p>
      </section>
    </xsl:if>
    <form method="get" action="{$base}/thi-sinh" class="card form">
      <xsl:call-template name="text-field">
        <xsl:with-param name="field" select="search/field[@name='sdt']"/>
        <xsl:with-param name="label" select="qc:msg('staff.contestant.phone')"/>
        <xsl:with-param name="type" select="'tel'"/>
        <xsl:with-param name="inputmode" select="'numeric'"/>
      </xsl:call-template>
      <button type="submit"><xsl:value-of select="qc:msg('staff.contestant.find')"/></button>
    </form>
    <xsl:if test="search/@none">
      <p class="form-error" role="alert"><xsl:value-of select="qc:msg('staff.contestant.none', search/@none)"/></p>
    </xsl:if>
    <xsl:if test="$c">
      <section class="card contestant">
        <dl class="facts">
          <dt><xsl:value-of select="qc:msg('field.full_name')"/></dt>
          <dd class="name"><xsl:value-of select="$c/name"/></dd>
          <dt><xsl:value-of select="qc:msg('field.phone')"/></dt>
          <dd><xsl:value-of select="$c/@phone"/></dd>
          <dt><xsl:value-of select="qc:msg('field.unit')"/></dt>
          <dd><xsl:value-of select="$c/unit"/></dd>
          <xsl:if test="$c/group">
            <dt><xsl:value-of select="qc:msg('staff.contestant.group')"/></dt>
            <dd><xsl:value-of select="$c/group"/></dd>
          </xsl:if>
          <dt><xsl:value-of select="qc:msg('staff.contestant.registered')"/></dt>
          <dd><xsl:value-of select="$c/@registered-local"/></dd>
          <dt><xsl:value-of select="qc:msg('staff.contestant.attempts')"/></dt>
          <dd class="attempts"><xsl:value-of select="$c/@attempts"/></dd>
        </dl>
        <xsl:if test="not(reset)">
          <form method="post" action="{$base}/thi-sinh/{$c/@id}/mat-khau">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <p class="hint"><xsl:value-of select="qc:msg('staff.contestant.reset_explain')"/></p>
            <button type="submit" class="danger"><xsl:value-of select="qc:msg('staff.contestant.reset')"/></button>
          </form>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
