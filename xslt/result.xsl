<?xml version="1.0" encoding="UTF-8"?>
<!-- result.xsl: score, time taken, prediction, attempts used and left, the attempt that
     counts, and — when the contest allows it — the correct answers. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('result.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="r" select="result"/>
    <h1><xsl:value-of select="qc:msg('result.heading', $r/@round-title, $r/@attempt-no)"/></h1>
    <xsl:if test="$r/@state = 'expired'">
      <p class="notice"><xsl:value-of select="qc:msg('result.expired')"/></p>
    </xsl:if>
    <section class="card result">
      <dl class="facts">
        <dt><xsl:value-of select="qc:msg('result.score')"/></dt>
        <dd class="score"><xsl:value-of select="concat($r/@score, '/', $r/@questions)"/></dd>
        <dt><xsl:value-of select="qc:msg('result.time')"/></dt>
        <dd class="time"><xsl:value-of select="$r/@time"/></dd>
        <dt><xsl:value-of select="qc:msg('result.prediction')"/></dt>
        <dd class="prediction"><xsl:choose>
          <xsl:when test="$r/@prediction"><xsl:value-of select="$r/@prediction"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="qc:msg('result.no_prediction')"/></xsl:otherwise>
        </xsl:choose></dd>
        <dt><xsl:value-of select="qc:msg('result.attempts')"/></dt>
        <dd class="attempts"><xsl:value-of select="qc:msg('result.attempts_value', $r/@attempts-used, $r/@attempts-left)"/></dd>
      </dl>
      <xsl:if test="$r/counted">
        <p class="counted"><xsl:choose>
          <xsl:when test="$r/counted/@this"><xsl:value-of select="qc:msg('result.counted_this')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="qc:msg('result.counted_other', $r/counted/@attempt-no, $r/counted/@score, $r/@questions, $r/counted/@time)"/></xsl:otherwise>
        </xsl:choose></p>
      </xsl:if>
    </section>
    <p class="actions"><a class="button primary" href="{$base}/tai-khoan"><xsl:value-of select="qc:msg('result.back')"/></a></p>
    <xsl:choose>
      <xsl:when test="$r/@revealed = '1'">
        <section class="card answers">
          <h2><xsl:value-of select="qc:msg('result.answers')"/></h2>
          <ol class="questions">
            <xsl:for-each select="$r/question">
              <li class="question answer-{@right}">
                <p class="qtext"><xsl:value-of select="text"/>
                  <xsl:text> </xsl:text>
                  <strong><xsl:value-of select="qc:msg(concat('result.right.', @right))"/></strong></p>
                <ul class="choices">
                  <xsl:for-each select="choice">
                    <li>
                      <xsl:attribute name="class">
                        <xsl:if test="@correct = '1'">correct </xsl:if>
                        <xsl:if test="@selected">selected</xsl:if>
                      </xsl:attribute>
                      <xsl:value-of select="."/>
                      <xsl:if test="@correct = '1'"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="qc:msg('result.correct_badge')"/></span></xsl:if>
                      <xsl:if test="@selected"><xsl:text> </xsl:text><span class="badge mine"><xsl:value-of select="qc:msg('result.your_badge')"/></span></xsl:if>
                    </li>
                  </xsl:for-each>
                </ul>
                <xsl:if test="explanation"><p class="explanation"><xsl:value-of select="explanation"/></p></xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <p class="hint"><xsl:value-of select="qc:msg(concat('result.reveal.', $r/@reveal-policy))"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
