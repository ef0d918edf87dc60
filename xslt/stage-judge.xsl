<?xml version="1.0" encoding="UTF-8"?>
<!-- stage-judge.xsl: a judge's phone during the on-stage contest: the teams and the parts to
     score, the scoring form of one team's part, and the drawn questions waiting for a verdict
     (answered right or wrong). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="stage/title"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="stage/title"/></h1>
    <xsl:choose>
      <xsl:when test="stage/@closed = '1'">
        <p class="notice closed"><xsl:value-of select="qc:msg('stage.err.closed')"/></p>
      </xsl:when>
      <xsl:when test="current">
        <xsl:variable name="cur" select="current"/>
        <xsl:variable name="part" select="stage/part[@code = $cur/@part]"/>
        <h2><xsl:value-of select="teams/team[@id = $cur/@team]/name"/> — <xsl:value-of select="normalize-space($part/text()[1])"/></h2>
        <form method="post" action="{$base}/san-khau/{$cur/@team}/{$cur/@part}" class="scores">
          <input type="hidden" name="csrf" value="{csrf}"/>
          <xsl:for-each select="$part/criterion">
            <xsl:variable name="code" select="@code"/>
            <p><label for="diem-{@code}"><xsl:value-of select="qc:msg('jury.criterion', ., @max)"/></label>
              <input type="number" id="diem-{@code}" name="diem-{@code}" min="0" max="{@max}" step="1" required="required" inputmode="numeric" value="{$cur/my-score[@criterion = $code]/@points}"/></p>
          </xsl:for-each>
          <p><button type="submit"><xsl:value-of select="qc:msg('jury.judge.save')"/></button></p>
        </form>
        <p><a href="{$base}/san-khau"><xsl:value-of select="qc:msg('stage.judge.back')"/></a></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="draws/draw">
          <h2><xsl:value-of select="qc:msg('stage.judge.draws')"/></h2>
          <xsl:for-each select="draws/draw">
            <form method="post" action="{$base}/san-khau/luot/{@id}" class="draw" id="draw-{@id}">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <p><strong><xsl:value-of select="team-name"/></strong>: <xsl:value-of select="body"/></p>
              <button type="submit" name="ket-qua" value="dung"><xsl:value-of select="qc:msg('stage.judge.right')"/></button>
              <xsl:text> </xsl:text>
              <button type="submit" name="ket-qua" value="sai"><xsl:value-of select="qc:msg('stage.judge.wrong')"/></button>
            </form>
          </xsl:for-each>
        </xsl:if>
        <h2><xsl:value-of select="qc:msg('stage.judge.score')"/></h2>
        <ul class="teams">
          <xsl:for-each select="teams/team">
            <xsl:variable name="team" select="."/>
            <li><strong><xsl:value-of select="name"/></strong>
              <ul>
                <xsl:for-each select="/page/stage/part[criterion]">
                  <li><a href="{$base}/san-khau/{$team/@id}/{@code}"><xsl:value-of select="normalize-space(text()[1])"/></a></li>
                </xsl:for-each>
              </ul>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
