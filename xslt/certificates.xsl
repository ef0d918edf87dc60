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
        <style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Times New Roman", Times, serif; color: #000; background: #fff; margin: 0; }
.notes { font-size: 12pt; padding: 8pt; border: 1px solid #999; margin: 8pt; }
@media print { .notes { display: none; } }
.certificate { box-sizing: border-box; width: 273mm; height: 186mm; margin: 0 auto; padding: 14mm 20mm; border: 3pt double #8a1c1c; text-align: center; page-break-after: always; break-after: page; page-break-inside: avoid; break-inside: avoid; }
.certificate:last-child { page-break-after: auto; break-after: auto; }
.organiser { text-transform: uppercase; font-weight: bold; font-size: 14pt; margin: 0; }
h1 { font-size: 34pt; color: #8a1c1c; letter-spacing: 2pt; margin: 14pt 0 10pt; }
.honorific { font-size: 15pt; margin: 0; }
.name { font-size: 26pt; font-weight: bold; margin: 4pt 0; }
.unit, .score { font-size: 14pt; margin: 2pt 0; }
.achieved { font-size: 15pt; margin: 10pt 0 0; }
.prize { font-size: 24pt; font-weight: bold; color: #8a1c1c; text-transform: uppercase; margin: 4pt 0; }
.contest { font-size: 15pt; font-weight: bold; margin: 4pt 0; }
.round { font-size: 14pt; margin: 2pt 0; }
.sign { width: 45%; margin: 10pt 0 0 auto; font-size: 13pt; }
.sign .place-date { font-style: italic; margin: 0; }
.sign .role { font-weight: bold; margin: 2pt 0 50pt; }
        </style>
      </head>
      <body class="page-certificates">
        <div class="notes">
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
            <p class="organiser"><xsl:value-of select="/page/contest/organiser"/></p>
            <h1><xsl:value-of select="qc:msg('cert.heading')"/></h1>
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
