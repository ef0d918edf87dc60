<?xml version="1.0" encoding="UTF-8"?>
<!-- home.xsl: the contest's public page, opened by the portal's "Cuộc thi" menu item. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>
  <!-- amounts in đồng, grouped by dots as the plans write them ("1.000.000") -->
  <xsl:decimal-format name="vnd" decimal-separator="," grouping-separator="."/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('home.title')"/></xsl:template>

  <xsl:template match="page" mode="scripts">
    <script src="{$static}/quizcontest.js" defer="defer"></script>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="h" select="home"/>
    <section class="hero">
      <h1><xsl:value-of select="contest/title"/></h1>
      <xsl:if test="contest/theme != ''">
        <p class="theme"><xsl:value-of select="qc:msg('home.theme', contest/theme)"/></p>
      </xsl:if>
      <div class="status status-{$h/@status}" role="status">
        <p class="status-text"><xsl:value-of select="qc:msg(concat('home.status.', $h/@status))"/></p>
        <xsl:if test="$h/@next-change-ms">
          <p class="countdown">
            <xsl:value-of select="qc:msg(concat('home.next.', $h/@status))"/>
            <xsl:text> </xsl:text>
            <time datetime="{$h/@next-change-iso}" data-countdown-ms="{$h/@next-change-in-ms}">
              <xsl:value-of select="$h/@next-change-local"/>
            </time>
          </p>
        </xsl:if>
      </div>
      <p class="participants">
        <xsl:value-of select="qc:msg('home.participants', $h/@participants, $h/@registered)"/>
      </p>
      <p class="actions">
        <xsl:choose>
          <xsl:when test="user">
            <a class="button primary" href="{$base}/tai-khoan"><xsl:value-of select="qc:msg('home.go_account')"/></a>
          </xsl:when>
          <xsl:when test="$h/@status = 'closed'">
            <!-- registration closed with the contest: the login remains -->
            <a class="button" href="{$base}/dang-nhap"><xsl:value-of select="qc:msg('nav.login')"/></a>
          </xsl:when>
          <xsl:otherwise>
            <a class="button primary" href="{$base}/dang-ky"><xsl:value-of select="qc:msg('nav.register')"/></a>
            <a class="button" href="{$base}/dang-nhap"><xsl:value-of select="qc:msg('nav.login')"/></a>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="$h/@status = 'closed'">
        <p class="registration-closed"><xsl:value-of select="qc:msg('home.registration_closed')"/></p>
      </xsl:if>
      <xsl:if test="$h/rounds/round[@published = '1']">
        <div class="published-results">
          <h2><xsl:value-of select="qc:msg('home.results_published')"/></h2>
          <ul>
            <xsl:for-each select="$h/rounds/round[@published = '1']">
              <li><a href="{$base}/ket-qua-chung?vong={@seq}"><xsl:value-of select="qc:msg('home.results_of', .)"/></a></li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>
    </section>

    <section class="card">
      <h2><xsl:value-of select="qc:msg('home.timeline')"/></h2>
      <p><xsl:value-of select="qc:msg('home.window', $h/window/@opens-local, $h/window/@closes-local)"/></p>
      <xsl:if test="$h/results-schedule/@publish-local">
        <p class="results-publish"><xsl:value-of select="qc:msg('home.results_publish', $h/results-schedule/@publish-local)"/></p>
      </xsl:if>
      <xsl:if test="$h/results-schedule/@ceremony-local">
        <p class="ceremony"><xsl:value-of select="qc:msg('home.ceremony', $h/results-schedule/@ceremony-local)"/></p>
      </xsl:if>
      <p><xsl:value-of select="qc:msg('home.settings', $h/settings/@questions, $h/settings/@time-limit-min, $h/settings/@attempts)"/></p>
      <xsl:if test="count($h/rounds/round) &gt; 1">
        <table class="rounds">
          <caption><xsl:value-of select="qc:msg('home.rounds')"/></caption>
          <thead><tr>
            <th scope="col"><xsl:value-of select="qc:msg('home.round')"/></th>
            <th scope="col"><xsl:value-of select="qc:msg('home.opens')"/></th>
            <th scope="col"><xsl:value-of select="qc:msg('home.closes')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$h/rounds/round">
              <tr class="round-{@state}">
                <th scope="row"><xsl:value-of select="."/></th>
                <td><time datetime="{@opens-iso}"><xsl:value-of select="@opens-local"/></time></td>
                <td><time datetime="{@closes-iso}"><xsl:value-of select="@closes-local"/></time></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </section>

    <section class="card rules">
      <h2><xsl:value-of select="qc:msg('home.rules')"/></h2>
      <xsl:call-template name="paragraphs"><xsl:with-param name="text" select="$h/rules"/></xsl:call-template>
    </section>

    <xsl:if test="$h/prizes/prize">
      <section class="card prizes">
        <h2><xsl:value-of select="qc:msg('home.prizes')"/></h2>
        <ul class="prizes">
          <xsl:for-each select="$h/prizes/prize">
            <li data-kind="{@kind}">
              <xsl:value-of select="qc:msg(concat('home.prize.', @kind, '.', @scope))"/>
              <xsl:if test="@group != ''"><xsl:value-of select="qc:msg('home.prize.group', @group)"/></xsl:if>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="qc:msg('results.prize_line', ., @count)"/>
              <xsl:if test="@amount"><xsl:value-of select="qc:msg('home.prize.amount', format-number(@amount, '#.##0', 'vnd'))"/></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="$h/documents/document">
      <section class="card">
        <h2><xsl:value-of select="qc:msg('home.documents')"/></h2>
        <ul class="documents">
          <xsl:for-each select="$h/documents/document">
            <li>
              <xsl:choose>
                <xsl:when test="starts-with(@url, 'https://') or starts-with(@url, 'http://') or (starts-with(@url, '/') and not(starts-with(@url, '//')))"><a href="{@url}"><xsl:value-of select="."/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- text with blank lines between paragraphs becomes <p> elements -->
  <xsl:template name="paragraphs">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#10;&#10;')">
        <p><xsl:value-of select="substring-before($text, '&#10;&#10;')"/></p>
        <xsl:call-template name="paragraphs">
          <xsl:with-param name="text" select="substring-after($text, '&#10;&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="normalize-space($text) != ''"><p><xsl:value-of select="$text"/></p></xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
