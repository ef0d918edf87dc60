<?xml version="1.0" encoding="UTF-8"?>
<!-- account.xsl: the contestant's page: the open round, "Bắt đầu làm bài", their attempts. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('account.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="a" select="account"/>
    <h1><xsl:value-of select="qc:msg('account.hello', user/name)"/></h1>
    <xsl:if test="$a/@notice">
      <p class="notice" role="alert"><xsl:value-of select="qc:msg(concat('account.notice.', $a/@notice))"/></p>
    </xsl:if>
    <section class="card start">
      <xsl:choose>
        <xsl:when test="$a/open-attempt">
          <p><xsl:value-of select="qc:msg('account.in_progress')"/></p>
          <p><a class="button primary" href="{$base}/bai-thi/{$a/open-attempt/@id}"><xsl:value-of select="qc:msg('account.resume')"/></a></p>
        </xsl:when>
        <xsl:when test="$a/current-round">
          <xsl:variable name="r" select="$a/current-round"/>
          <h2><xsl:value-of select="$r"/></h2>
          <p><xsl:value-of select="qc:msg('account.attempts', $r/@attempts-used, $r/@attempts-allowed, $r/@closes-local)"/></p>
          <xsl:choose>
            <xsl:when test="$r/@attempts-left &gt; 0">
              <form method="post" action="{$base}/bai-thi">
                <input type="hidden" name="csrf" value="{csrf}"/>
                <button type="submit" class="button primary big"><xsl:value-of select="qc:msg('account.start')"/></button>
              </form>
            </xsl:when>
            <xsl:otherwise><p class="notice"><xsl:value-of select="qc:msg('account.notice.no-attempts')"/></p></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="qc:msg(concat('home.status.', $a/@status))"/>
            <xsl:if test="$a/@next-change-local">
              <xsl:text> </xsl:text>
              <xsl:value-of select="qc:msg(concat('home.next.', $a/@status))"/>
              <xsl:text> </xsl:text>
              <time datetime="{$a/@next-change-iso}"><xsl:value-of select="$a/@next-change-local"/></time>
            </xsl:if>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('account.history')"/></h2>
      <xsl:choose>
        <xsl:when test="$a/attempts/attempt">
          <table class="attempts">
            <thead><tr>
              <th scope="col"><xsl:value-of select="qc:msg('home.round')"/></th>
              <th scope="col"><xsl:value-of select="qc:msg('account.col.no')"/></th>
              <th scope="col"><xsl:value-of select="qc:msg('result.score')"/></th>
              <th scope="col"><xsl:value-of select="qc:msg('result.time')"/></th>
              <th scope="col"><span class="visually-hidden"><xsl:value-of select="qc:msg('account.col.link')"/></span></th>
            </tr></thead>
            <tbody>
              <xsl:for-each select="$a/attempts/attempt">
                <tr data-state="{@state}">
                  <xsl:if test="@counted"><xsl:attribute name="class">counted</xsl:attribute></xsl:if>
                  <td><xsl:value-of select="@round-title"/></td>
                  <td><xsl:value-of select="@no"/></td>
                  <td><xsl:choose>
                    <xsl:when test="@score"><xsl:value-of select="concat(@score, '/', @questions)"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="qc:msg('account.state.open')"/></xsl:otherwise>
                  </xsl:choose>
                  <xsl:if test="@counted"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="qc:msg('result.counted_badge')"/></span></xsl:if></td>
                  <td><xsl:value-of select="@time"/></td>
                  <td><xsl:choose>
                    <xsl:when test="@state = 'open'"><a href="{$base}/bai-thi/{@id}"><xsl:value-of select="qc:msg('account.resume')"/></a></xsl:when>
                    <xsl:otherwise><a href="{$base}/ket-qua/{@id}"><xsl:value-of select="qc:msg('account.view')"/></a></xsl:otherwise>
                  </xsl:choose></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p><xsl:value-of select="qc:msg('account.none')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
    <p class="account-links"><a href="{$base}/tai-khoan/mat-khau"><xsl:value-of select="qc:msg('account.change_password')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
