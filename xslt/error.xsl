<?xml version="1.0" encoding="UTF-8"?>
<!-- error.xsl: every error page (400, 403, 404, 413, 500, 503, ...) in the portal's look. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="error-title"/>
  </xsl:template>

  <!-- the page's own title when it has one (results not yet published), else the status's -->
  <xsl:template name="error-title">
    <xsl:choose>
      <xsl:when test="error/@title"><xsl:value-of select="qc:msg(error/@title)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="qc:msg(concat('err.title.', error/@status))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <section class="error-page" data-status="{error/@status}">
      <h1><xsl:call-template name="error-title"/></h1>
      <p class="lead"><xsl:value-of select="qc:msg(error/@message)"/></p>
      <xsl:if test="error/@expected-local">
        <p class="expected"><xsl:value-of select="qc:msg('results.expected', error/@expected-local)"/></p>
      </xsl:if>
      <xsl:if test="error/@retry-after">
        <p><xsl:value-of select="qc:msg('err.retry', error/@retry-after)"/></p>
      </xsl:if>
      <p><a class="button" href="{@base}/"><xsl:value-of select="qc:msg('nav.back_home')"/></a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
