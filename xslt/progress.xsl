<?xml version="1.0" encoding="UTF-8"?>
<!-- progress.xsl: participants per day and unit during the contest. The line chart is an inline
     SVG drawn here (no script): axes with labels, one line per unit with a point per day (each
     with its number as a tooltip), a legend, a <title> and <desc> for screen readers; then a
     table of the same numbers. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="qc svg">
  <xsl:import href="layout.xsl"/>

  <!-- geometry of the plot area -->
  <xsl:variable name="W" select="760"/>
  <xsl:variable name="L" select="60"/>
  <xsl:variable name="R" select="40"/>
  <xsl:variable name="T" select="20"/>
  <xsl:variable name="PH" select="260"/>
  <xsl:variable name="PW" select="$W - $L - $R"/>
  <!-- ten colours that stay apart for common colour blindness (Tableau 10) -->
  <xsl:variable name="palette" select="'#4e79a7#f28e2b#e15759#76b7b2#59a14f#edc948#b07aa1#ff9da7#9c755f#bab0ac'"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('progress.title')"/></xsl:template>

  <xsl:template name="colour">
    <xsl:param name="i"/>
    <xsl:value-of select="substring($palette, (($i - 1) mod 10) * 7 + 1, 7)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="p" select="progress"/>
    <xsl:variable name="nd" select="count($p/days/day)"/>
    <xsl:variable name="ymax" select="$p/@axis-max"/>
    <xsl:variable name="step">
      <xsl:choose>
        <xsl:when test="$nd &gt; 1"><xsl:value-of select="$PW div ($nd - 1)"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="x0">
      <xsl:choose>
        <xsl:when test="$nd &gt; 1"><xsl:value-of select="$L"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$L + $PW div 2"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- at most about 12 date labels on the axis -->
    <xsl:variable name="every" select="ceiling($nd div 12)"/>
    <xsl:variable name="bottom" select="$T + $PH"/>
    <xsl:variable name="H" select="$bottom + 60 + count($p/series/unit) * 18"/>

    <h1><xsl:value-of select="qc:msg('progress.title')"/></h1>
    <nav class="card">
      <a href="{$base}/don-vi"><xsl:value-of select="qc:msg('units.title')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/ket-qua"><xsl:value-of select="qc:msg('results.title')"/></a>
      <xsl:if test="$p/@levels &gt; 1">
        <xsl:text> · </xsl:text><xsl:value-of select="qc:msg('progress.level')"/>
        <xsl:for-each select="$p/levels/level">
          <xsl:variable name="lv" select="@n"/>
          <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="$lv = $p/@level"><strong><xsl:value-of select="qc:msg('progress.level_n', $lv)"/></strong></xsl:when>
            <xsl:otherwise><a href="{$base}/tien-do?cap={$lv}"><xsl:value-of select="qc:msg('progress.level_n', $lv)"/></a></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:if>
    </nav>
    <p class="hint"><xsl:value-of select="qc:msg('progress.intro')"/></p>
    <xsl:choose>
      <xsl:when test="$nd = 0"><p class="notice"><xsl:value-of select="qc:msg('progress.none')"/></p></xsl:when>
      <xsl:otherwise>
        <section class="card chart">
          <svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" role="img" width="100%"
               viewBox="0 0 {$W} {$H}" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="12">
            <title id="chart-title"><xsl:value-of select="qc:msg('progress.chart_title', $p/@level)"/></title>
            <desc id="chart-desc"><xsl:value-of select="qc:msg('progress.chart_desc', $nd, $p/days/day[1]/@label, $p/days/day[last()]/@label, $p/@max)"/></desc>
            <!-- y axis: grid lines and numbers at 0, 1/4 ... of the largest value -->
            <g class="axis-y" stroke="#ccc">
              <xsl:for-each select="(//node())[position() &lt;= 5]">
                <xsl:variable name="k" select="position() - 1"/>
                <xsl:variable name="y" select="$bottom - $PH * $k div 4"/>
                <line x1="{$L}" x2="{$L + $PW}" y1="{$y}" y2="{$y}"/>
                <text x="{$L - 6}" y="{$y + 4}" text-anchor="end" stroke="none" fill="#333"><xsl:value-of select="round($ymax * $k div 4)"/></text>
              </xsl:for-each>
            </g>
            <line class="axis" x1="{$L}" x2="{$L}" y1="{$T}" y2="{$bottom}" stroke="#333"/>
            <line class="axis" x1="{$L}" x2="{$L + $PW}" y1="{$bottom}" y2="{$bottom}" stroke="#333"/>
            <text class="axis-label" x="14" y="{$T + $PH div 2}" text-anchor="middle" transform="rotate(-90 14 {$T + $PH div 2})"><xsl:value-of select="qc:msg('progress.axis_y')"/></text>
            <g class="axis-x">
              <xsl:for-each select="$p/days/day">
                <xsl:if test="(position() - 1) mod $every = 0">
                  <xsl:variable name="x" select="$x0 + (position() - 1) * $step"/>
                  <line x1="{$x}" x2="{$x}" y1="{$bottom}" y2="{$bottom + 4}" stroke="#333"/>
                  <text x="{$x}" y="{$bottom + 18}" text-anchor="middle"><xsl:value-of select="@label"/></text>
                </xsl:if>
              </xsl:for-each>
            </g>
            <text class="axis-label" x="{$L + $PW div 2}" y="{$bottom + 36}" text-anchor="middle"><xsl:value-of select="qc:msg('progress.axis_x')"/></text>
            <!-- one series per unit -->
            <xsl:for-each select="$p/series/unit">
              <xsl:variable name="i" select="position()"/>
              <xsl:variable name="c"><xsl:call-template name="colour"><xsl:with-param name="i" select="$i"/></xsl:call-template></xsl:variable>
              <xsl:variable name="name" select="@name"/>
              <g class="series" data-code="{@code}">
                <polyline fill="none" stroke="{$c}" stroke-width="2">
                  <xsl:attribute name="points">
                    <xsl:for-each select="n">
                      <xsl:value-of select="concat($x0 + (position() - 1) * $step, ',', $bottom - $PH * @v div $ymax, ' ')"/>
                    </xsl:for-each>
                  </xsl:attribute>
                </polyline>
                <xsl:for-each select="n">
                  <xsl:variable name="d" select="position()"/>
                  <circle cx="{$x0 + ($d - 1) * $step}" cy="{$bottom - $PH * @v div $ymax}" r="3" fill="{$c}">
                    <title><xsl:value-of select="qc:msg('progress.point', $name, $p/days/day[$d]/@label, @v)"/></title>
                  </circle>
                </xsl:for-each>
              </g>
            </xsl:for-each>
            <g class="legend">
              <text x="{$L}" y="{$bottom + 56}" font-weight="bold"><xsl:value-of select="qc:msg('progress.legend')"/></text>
              <xsl:for-each select="$p/series/unit">
                <xsl:variable name="c"><xsl:call-template name="colour"><xsl:with-param name="i" select="position()"/></xsl:call-template></xsl:variable>
                <xsl:variable name="y" select="$bottom + 56 + position() * 18"/>
                <rect x="{$L}" y="{$y - 10}" width="24" height="10" fill="{$c}"/>
                <text x="{$L + 32}" y="{$y}"><xsl:value-of select="concat(@name, ' (', @total, ')')"/></text>
              </xsl:for-each>
            </g>
          </svg>
        </section>
      </xsl:otherwise>
    </xsl:choose>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('progress.table')"/></h2>
      <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
        <table class="progress data">
          <thead><tr>
            <th scope="col"><xsl:value-of select="qc:msg('progress.col.date')"/></th>
            <xsl:for-each select="$p/series/unit"><th scope="col" data-code="{@code}"><xsl:value-of select="@name"/></th></xsl:for-each>
            <th scope="col"><xsl:value-of select="qc:msg('progress.col.total')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$p/days/day">
              <xsl:variable name="d" select="position()"/>
              <tr data-date="{@date}">
                <th scope="row"><xsl:value-of select="@label"/></th>
                <xsl:for-each select="$p/series/unit"><td><xsl:value-of select="n[$d]/@v"/></td></xsl:for-each>
                <td><xsl:value-of select="@total"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>
</xsl:stylesheet>
