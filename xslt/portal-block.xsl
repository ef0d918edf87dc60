<?xml version="1.0" encoding="UTF-8"?>
<!--
  portal-block.xsl: the small block the department's portal includes or frames (route "khung").
  A page of its own, without layout.xsl: no site header or navigation, and one small style
  sheet (static/portal-block.css) that depends on nothing of the portal's. Its links open in
  the whole window (target="_top"): the contest's other pages may not be framed.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:variable name="base" select="string(/page/@base)"/>
  <xsl:variable name="static" select="string(/page/@static)"/>

  <xsl:template match="/">
    <xsl:variable name="b" select="page/block"/>
    <html lang="vi">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="page/contest/title"/></title>
        <link rel="stylesheet" href="{$static}/portal-block.css"/>
      </head>
      <body class="portal-block status-{$b/@status}">
        <main>
        <h1 class="qc-name">
          <a href="{$base}/" target="_top"><xsl:value-of select="page/contest/title"/></a>
        </h1>
        <p class="qc-status" role="status">
          <xsl:choose>
            <xsl:when test="$b/@status = 'open'">
              <xsl:value-of select="qc:msg('portal.status.open', $b/@round-seq)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="qc:msg(concat('portal.status.', $b/@status))"/>
            </xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:if test="$b/left">
          <p class="qc-left">
            <xsl:variable name="l" select="$b/left"/>
            <xsl:choose>
              <xsl:when test="$l/@closes-ms"><xsl:value-of select="qc:msg('portal.left.closes')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="qc:msg('portal.left.opens')"/></xsl:otherwise>
            </xsl:choose>
            <xsl:text> </xsl:text>
            <strong>
              <xsl:if test="$l/@days &gt; 0">
                <xsl:value-of select="qc:msg('portal.left.days', $l/@days)"/>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:if test="$l/@days &gt; 0 or $l/@hours &gt; 0">
                <xsl:value-of select="qc:msg('portal.left.hours', $l/@hours)"/>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:value-of select="qc:msg('portal.left.minutes', $l/@minutes)"/>
            </strong>
            <xsl:text> </xsl:text>
            <time datetime="{$l/@closes-iso}{$l/@opens-iso}">
              <xsl:value-of select="qc:msg('portal.left.at', concat($l/@closes-local, $l/@opens-local))"/>
            </time>
          </p>
        </xsl:if>
        <p class="qc-links">
          <xsl:if test="$b/@registration = '1'">
            <a class="qc-primary" href="{$base}/dang-ky" target="_top"><xsl:value-of select="qc:msg('nav.register')"/></a>
            <xsl:text> </xsl:text>
          </xsl:if>
          <a href="{$base}/dang-nhap" target="_top"><xsl:value-of select="qc:msg('nav.login')"/></a>
          <xsl:if test="$b/@results">
            <xsl:text> </xsl:text>
            <a href="{$base}/ket-qua-chung?vong={$b/@results}" target="_top"><xsl:value-of select="qc:msg('portal.results')"/></a>
          </xsl:if>
        </p>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
