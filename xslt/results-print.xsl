<?xml version="1.0" encoding="UTF-8"?>
<!-- results-print.xsl: the results of a round (or the whole contest) ready to print on A4 for
     the organising committee's decision: contest, organiser, round, date, the prize list with
     its winners, the full ranking, the signature block. A plain page: no site navigation, no
     script; @page sets A4 and margins, each section starts on a new sheet. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:decimal-format name="vi" decimal-separator="," grouping-separator="."/>
  <xsl:variable name="r" select="/page/print"/>

  <!-- the round (or whole contest) and group, in words -->
  <xsl:template name="scope">
    <xsl:choose>
      <xsl:when test="$r/@round = '0'"><xsl:value-of select="qc:msg('print.scope_overall')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$r/@round-title"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="signatures">
    <xsl:variable name="iso" select="/page/@now-iso"/>
    <table class="signatures">
      <tr>
        <td></td>
        <td class="place-date"><xsl:value-of select="qc:msg('print.place_date', substring($iso, 9, 2), substring($iso, 6, 2), substring($iso, 1, 4))"/></td>
      </tr>
      <tr>
        <td><strong><xsl:value-of select="qc:msg('print.preparer')"/></strong><br/><em><xsl:value-of select="qc:msg('print.sign_hint')"/></em></td>
        <td><strong><xsl:value-of select="qc:msg('print.head')"/></strong><br/><em><xsl:value-of select="qc:msg('print.sign_seal')"/></em></td>
      </tr>
    </table>
  </xsl:template>

  <xsl:template match="entry">
    <tr>
      <td class="num"><xsl:value-of select="position()"/></td>
      <td class="num"><xsl:value-of select="@position"/></td>
      <td><xsl:value-of select="name"/></td>
      <td><xsl:value-of select="unit"/></td>
      <td class="num"><xsl:value-of select="concat(@score, '/', @questions)"/></td>
      <td class="num"><xsl:value-of select="@time"/></td>
      <td class="rule"><xsl:value-of select="reason"/></td>
      <td>
        <xsl:value-of select="@prize"/>
        <xsl:if test="@prize-pending = '1'"><xsl:text> </xsl:text><xsl:value-of select="qc:msg('print.pending', @prize, @prize-low)"/></xsl:if>
        <xsl:if test="@pending = '1' and not(@prize-pending = '1')"><xsl:if test="@prize"><xsl:text> </xsl:text></xsl:if>(<xsl:value-of select="qc:msg('print.tie_pending')"/>)</xsl:if>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="table">
    <xsl:param name="entries"/>
    <table class="list">
      <thead><tr>
        <th><xsl:value-of select="qc:msg('print.col.no')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.position')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.name')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.unit')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.score')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.time')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.rule')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.prize')"/></th>
      </tr></thead>
      <tbody><xsl:apply-templates select="$entries"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="/">
    <html lang="vi">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="qc:msg('print.title')"/> – <xsl:value-of select="/page/contest/title"/></title>
        <link rel="stylesheet" href="{/page/@static}/print-results.css"/>
      </head>
      <body class="print page-results-print">
        <!-- the heading of an official document (Nghị định 30/2020/NĐ-CP): issuing body and
             number on the left, national title and motto and the place and date on the right -->
        <table class="doc-header">
          <tr>
            <td class="issuer">
              <p class="organiser"><xsl:value-of select="/page/contest/organiser"/></p>
              <p class="doc-number"><xsl:value-of select="qc:msg('doc.number_results')"/></p>
            </td>
            <td class="nation">
              <p class="national-title"><xsl:value-of select="qc:msg('doc.national_title')"/></p>
              <p class="motto"><xsl:value-of select="qc:msg('doc.motto')"/></p>
              <p class="place-date"><xsl:value-of select="qc:msg('print.place_date', substring(/page/@now-iso, 9, 2), substring(/page/@now-iso, 6, 2), substring(/page/@now-iso, 1, 4))"/></p>
            </td>
          </tr>
        </table>
        <div class="head">
          <h1><xsl:value-of select="qc:msg('print.heading')"/></h1>
          <p class="contest"><xsl:value-of select="/page/contest/title"/></p>
          <p class="facts">
            <span class="scope"><xsl:call-template name="scope"/></span>
            <xsl:if test="$r/@group != ''"><br/><xsl:value-of select="qc:msg('print.group', $r/@group-title)"/></xsl:if>
            <xsl:if test="$r/window"><br/><xsl:value-of select="qc:msg('print.window', $r/window/@opens-local, $r/window/@closes-local)"/></xsl:if>
            <br/><xsl:value-of select="qc:msg('print.total', $r/@total)"/>
            <br/><span class="date"><xsl:value-of select="qc:msg('print.date', /page/@now-local)"/></span>
          </p>
        </div>
        <xsl:if test="$r/@closed != '1'"><p class="draft"><xsl:value-of select="qc:msg('print.draft')"/></p></xsl:if>
        <section class="prizes">
          <h2><xsl:value-of select="qc:msg('print.prize_section')"/></h2>
          <xsl:choose>
            <xsl:when test="not($r/prizes/prize)"><p><xsl:value-of select="qc:msg('print.no_prizes')"/></p></xsl:when>
            <xsl:otherwise>
              <ul class="prize-list">
                <xsl:for-each select="$r/prizes/prize">
                  <li><xsl:value-of select="qc:msg('results.prize_line', ., @count)"/>
                    <xsl:if test="@amount"><xsl:text> – </xsl:text><xsl:value-of select="qc:msg('print.amount', format-number(@amount, '#.###', 'vi'))"/></xsl:if></li>
                </xsl:for-each>
              </ul>
              <xsl:choose>
                <xsl:when test="$r/winners/entry">
                  <xsl:call-template name="table"><xsl:with-param name="entries" select="$r/winners/entry"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><p><xsl:value-of select="qc:msg('print.no_winners')"/></p></xsl:otherwise>
              </xsl:choose>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="signatures"/>
        </section>
        <section class="ranking">
          <h2><xsl:value-of select="qc:msg('print.ranking_section')"/></h2>
          <xsl:call-template name="table"><xsl:with-param name="entries" select="$r/ranking/entry"/></xsl:call-template>
          <xsl:call-template name="signatures"/>
        </section>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
