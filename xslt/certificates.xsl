<?xml version="1.0" encoding="UTF-8"?>
<!-- certificates.xsl: one certificate ("Giấy chứng nhận") per prize winner of a ranking, each on
     its own landscape A4 sheet: organiser, title, the winner's name and unit, the prize, the
     contest, the round, the date and a signature line. A prize still awaiting the organising
     committee (a tie across a prize boundary) gets no certificate; the page says whose. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:variable name="r" select="/page/print"/>
  <xsl:variable name="iso" select="/page/@now-iso"/>
  <xsl:variable name="final" select="$r/winners/entry[not(@prize-pending = '1')]"/>
  <xsl:variable name="pending" select="$r/winners/entry[@prize-pending = '1']"/>

  <xsl:template match="/">
    <html lang="vi">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="qc:msg('cert.title')"/> – <xsl:value-of select="/page/contest/title"/></title>
        <link rel="stylesheet" href="{/page/@static}/certificates.css"/>
      </head>
      <body class="page-certificates">
        <div class="notes">
          <h1><xsl:value-of select="qc:msg('cert.title')"/> – <xsl:value-of select="/page/contest/title"/></h1>
          <p class="count"><xsl:value-of select="qc:msg('cert.count', count($final))"/></p>
          <xsl:if test="not($final)"><p class="none"><xsl:value-of select="qc:msg('cert.none')"/></p></xsl:if>
          <xsl:if test="$pending">
            <p><strong><xsl:value-of select="qc:msg('cert.pending_title')"/></strong></p>
            <ul class="pending">
              <xsl:for-each select="$pending">
                <li><xsl:value-of select="qc:msg('cert.pending_line', name, unit, @prize, @prize-low)"/></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </div>
        <xsl:for-each select="$final">
          <section class="certificate" data-contestant="{@contestant-id}">
            <table class="doc-header">
              <tr>
                <td class="issuer">
                  <p class="organiser"><xsl:value-of select="/page/contest/organiser"/></p>
                  <p class="doc-number"><xsl:value-of select="qc:msg('doc.number_certificate')"/></p>
                </td>
                <td class="nation">
                  <p class="national-title"><xsl:value-of select="qc:msg('doc.national_title')"/></p>
                  <p class="motto"><xsl:value-of select="qc:msg('doc.motto')"/></p>
                </td>
              </tr>
            </table>
            <p class="cert-heading"><xsl:value-of select="qc:msg('cert.heading')"/></p>
            <p class="honorific"><xsl:value-of select="qc:msg('cert.honorific')"/></p>
            <p class="name"><xsl:value-of select="name"/></p>
            <p class="unit"><xsl:value-of select="qc:msg('cert.unit', unit)"/></p>
            <p class="achieved"><xsl:value-of select="qc:msg('cert.achieved')"/></p>
            <p class="prize"><xsl:value-of select="@prize"/></p>
            <p class="contest"><xsl:value-of select="qc:msg('cert.in_contest', /page/contest/title)"/></p>
            <p class="round">
              <xsl:choose>
                <xsl:when test="$r/@round = '0'"><xsl:value-of select="qc:msg('print.scope_overall')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="qc:msg('cert.round', $r/@round-title)"/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="$r/@group != ''"><xsl:text> – </xsl:text><xsl:value-of select="$r/@group-title"/></xsl:if>
            </p>
            <p class="score"><xsl:value-of select="qc:msg('cert.score', @score, @questions, @time)"/></p>
            <div class="sign">
              <p class="place-date"><xsl:value-of select="qc:msg('print.place_date', substring($iso, 9, 2), substring($iso, 6, 2), substring($iso, 1, 4))"/></p>
              <p class="role"><xsl:value-of select="qc:msg('print.head')"/></p>
            </div>
          </section>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
