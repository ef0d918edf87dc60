<?xml version="1.0" encoding="UTF-8"?>
<!-- public-results.xsl: a round's published results for contestants and the public: position,
     name, unit, score, time and prize. Never a phone number or a citizen ID. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('results.public_title')"/></xsl:template>

  <xsl:template match="entry">
    <tr>
      <xsl:if test="@prize"><xsl:attribute name="class">prize</xsl:attribute></xsl:if>
      <td class="position" data-label="{qc:msg('results.col.position')}"><xsl:value-of select="@position"/></td>
      <td class="name" data-label="{qc:msg('results.col.name')}"><xsl:value-of select="name"/></td>
      <td class="unit" data-label="{qc:msg('results.col.unit')}"><xsl:value-of select="unit"/></td>
      <td class="score" data-label="{qc:msg('results.col.score')}"><xsl:value-of select="concat(@score, '/', @questions)"/></td>
      <td class="time" data-label="{qc:msg('results.col.time')}"><xsl:value-of select="@time"/></td>
      <td class="rule" data-rule="{@rule}" data-label="{qc:msg('results.col.rule')}"><xsl:value-of select="reason"/></td>
      <td class="prize" data-label="{qc:msg('results.col.prize')}">
        <xsl:value-of select="@prize"/>
        <xsl:if test="@prize-pending = '1'"><xsl:text> </xsl:text><xsl:value-of select="qc:msg('results.public_pending')"/></xsl:if>
        <xsl:if test="@pending = '1' and not(@prize)"><xsl:value-of select="qc:msg('results.public_pending')"/></xsl:if>
      </td>
    </tr>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="r" select="results"/>
    <h1>
      <xsl:value-of select="qc:msg('results.public_title')"/>
      <xsl:text>: </xsl:text>
      <xsl:choose>
        <xsl:when test="$r/@round = '0'"><xsl:value-of select="qc:msg('results.overall')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$r/@round-title"/></xsl:otherwise>
      </xsl:choose>
    </h1>
    <section class="card">
      <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="ranking data cards">
        <thead><tr>
          <th><xsl:value-of select="qc:msg('results.col.position')"/></th>
          <th><xsl:value-of select="qc:msg('results.col.name')"/></th>
          <th><xsl:value-of select="qc:msg('results.col.unit')"/></th>
          <th><xsl:value-of select="qc:msg('results.col.score')"/></th>
          <th><xsl:value-of select="qc:msg('results.col.time')"/></th>
          <th><xsl:value-of select="qc:msg('results.col.rule')"/></th>
          <th><xsl:value-of select="qc:msg('results.col.prize')"/></th>
        </tr></thead>
        <tbody><xsl:apply-templates select="$r/ranking/entry"/></tbody>
      </table>
      </div>
      <p class="pager">
        <xsl:if test="$r/@page &gt; 1"><a href="{$base}/ket-qua-chung?vong={$r/@round}&amp;trang={$r/@page - 1}"><xsl:value-of select="qc:msg('results.prev')"/></a><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="$r/@page &lt; $r/@pages"><a href="{$base}/ket-qua-chung?vong={$r/@round}&amp;trang={$r/@page + 1}"><xsl:value-of select="qc:msg('results.next')"/></a></xsl:if>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
