<?xml version="1.0" encoding="UTF-8"?>
<!-- units.xsl: statistics per unit rolled up the unit tree (accounts, participants, attempts,
     participation rate, average counted score, individual prizes, registration quota) and the
     collective ranking by the contest's formula, with the formula written out. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>
  <xsl:decimal-format name="vi" decimal-separator="," grouping-separator="."/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('units.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="u" select="units"/>
    <h1><xsl:value-of select="qc:msg('units.title')"/></h1>
    <p><a href="{$base}/ket-qua"><xsl:value-of select="qc:msg('results.title')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/don-vi?format=csv"><xsl:value-of select="qc:msg('results.csv')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/don-vi?format=xlsx"><xsl:value-of select="qc:msg('outputs.xlsx')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/tien-do"><xsl:value-of select="qc:msg('outputs.progress')"/></a></p>
    <section class="card collective">
      <h2><xsl:value-of select="qc:msg('units.collective')"/></h2>
      <p class="formula">
        <xsl:choose>
          <xsl:when test="$u/@formula = 'participation-and-prizes' or $u/@formula = 'participants-and-quality' or $u/@formula = 'manual'">
            <xsl:value-of select="qc:msg(concat('units.formula.', $u/@formula))"/>
          </xsl:when>
          <xsl:when test="$u/@formula = ''"><xsl:value-of select="qc:msg('units.formula.none')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="qc:msg('units.formula.manual')"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="$u/description"><p class="description"><xsl:value-of select="$u/description"/></p></xsl:if>
      <xsl:if test="$u/no-headcount">
        <p class="notice no-headcount" role="status">
          <xsl:value-of select="qc:msg('units.no_headcount', $u/no-headcount/@count, $u/no-headcount/@of)"/>
          <xsl:for-each select="$u/no-headcount/unit">
            <xsl:if test="position() > 1">, </xsl:if><xsl:value-of select="."/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:if test="$u/collective/prize">
        <ul>
          <xsl:for-each select="$u/collective/prize">
            <li><xsl:value-of select="qc:msg('results.prize_line', ., @count)"/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="collective data cards">
        <thead><tr>
          <th><xsl:value-of select="qc:msg('results.col.position')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.unit')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.participants')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.rate')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.average')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.prizes')"/></th>
          <th><xsl:value-of select="qc:msg('results.col.prize')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$u/collective/unit">
            <tr data-code="{@code}">
              <td class="position" data-label="{qc:msg('results.col.position')}"><xsl:value-of select="@position"/></td>
              <td data-label="{qc:msg('units.col.unit')}"><xsl:value-of select="."/></td>
              <td data-label="{qc:msg('units.col.participants')}"><xsl:value-of select="@participants"/></td>
              <td data-label="{qc:msg('units.col.rate')}"><xsl:if test="@rate"><xsl:value-of select="concat(@rate, ' %')"/></xsl:if></td>
              <td data-label="{qc:msg('units.col.average')}"><xsl:value-of select="@average"/></td>
              <td data-label="{qc:msg('units.col.prizes')}"><xsl:value-of select="@prizes"/></td>
              <td data-label="{qc:msg('results.col.prize')}"><xsl:value-of select="@prize"/>
                <xsl:if test="@prize-pending = '1'"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="qc:msg('results.pending')"/></span></xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      </div>
    </section>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('units.tree')"/></h2>
      <xsl:if test="$u/@quota-deadline-local">
        <p><xsl:value-of select="qc:msg('units.quota_deadline', $u/@quota-deadline-local)"/></p>
      </xsl:if>
      <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="units data cards">
        <thead><tr>
          <th><xsl:value-of select="qc:msg('units.col.unit')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.headcount')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.registered')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.participants')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.attempts')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.rate')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.average')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.prizes')"/></th>
          <th><xsl:value-of select="qc:msg('units.col.quota')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$u/tree/unit">
            <tr class="depth-{@depth}" data-code="{@code}">
              <td class="unit-name depth-{@depth}" data-label="{qc:msg('units.col.unit')}"><xsl:value-of select="."/></td>
              <td data-label="{qc:msg('units.col.headcount')}"><xsl:if test="@headcount"><xsl:value-of select="format-number(@headcount, '#.##0', 'vi')"/></xsl:if></td>
              <td data-label="{qc:msg('units.col.registered')}"><xsl:value-of select="@registered"/></td>
              <td data-label="{qc:msg('units.col.participants')}"><xsl:value-of select="@participants"/></td>
              <td data-label="{qc:msg('units.col.attempts')}"><xsl:value-of select="@attempts"/></td>
              <td data-label="{qc:msg('units.col.rate')}"><xsl:if test="@rate"><xsl:value-of select="concat(@rate, ' %')"/></xsl:if></td>
              <td data-label="{qc:msg('units.col.average')}"><xsl:value-of select="@average"/></td>
              <td data-label="{qc:msg('units.col.prizes')}"><xsl:value-of select="@prizes"/></td>
              <td data-label="{qc:msg('units.col.quota')}"><xsl:if test="@quota">
                <xsl:value-of select="qc:msg(concat('units.quota.', @quota-met), @registered-in-time, @quota)"/>
              </xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      </div>
    </section>
  </xsl:template>
</xsl:stylesheet>
