<?xml version="1.0" encoding="UTF-8"?>
<!-- stage-presenter.xsl: the presenter's projector screen: draw a question for a team from a
     topic, show it large with a countdown, reveal the answer when the presenter says so. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('stage.presenter.title')"/></xsl:template>
  <xsl:template match="page" mode="scripts">
    <script src="{$static}/stage.js" defer="defer"></script>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="qc:msg('stage.presenter.title')"/></h1>
    <xsl:if test="latest">
      <section class="presenter-question" id="question" data-draw="{latest/@id}" data-revealed="{latest/@revealed}">
        <p class="team"><xsl:value-of select="latest/team-name"/></p>
        <p class="question-body"><xsl:value-of select="latest/body"/></p>
        <ol class="choices">
          <xsl:for-each select="latest/choice">
            <li data-correct="{@correct}">
              <xsl:if test="@correct = '1'"><xsl:attribute name="class">correct</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </li>
          </xsl:for-each>
        </ol>
        <p class="countdown" id="countdown" data-remaining="{latest/@remaining}">
          <span class="seconds"><xsl:value-of select="latest/@remaining"/></span>
          <xsl:text> </xsl:text><xsl:value-of select="qc:msg('stage.presenter.seconds')"/>
        </p>
        <xsl:choose>
          <xsl:when test="latest/@revealed = '0'">
            <form method="post" action="{$base}/san-khau/dap-an/{latest/@id}">
              <input type="hidden" name="csrf" value="{csrf}"/>
              <button type="submit" id="reveal"><xsl:value-of select="qc:msg('stage.presenter.reveal')"/></button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <p class="answer" id="answer"><xsl:value-of select="qc:msg('stage.presenter.answer')"/><xsl:text> </xsl:text>
              <xsl:for-each select="latest/choice[@correct = '1']"><xsl:value-of select="."/><xsl:if test="position() != last()">; </xsl:if></xsl:for-each></p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="latest/@answered != ''">
          <p class="verdict" id="verdict"><xsl:value-of select="qc:msg(concat('stage.answered.', latest/@answered))"/></p>
        </xsl:if>
      </section>
    </xsl:if>
    <form method="post" action="{$base}/san-khau/boc-tham" class="draw-form">
      <input type="hidden" name="csrf" value="{csrf}"/>
      <p><label for="team"><xsl:value-of select="qc:msg('stage.col.team')"/></label>
        <select id="team" name="team">
          <xsl:for-each select="teams/team"><option value="{@id}"><xsl:value-of select="name"/></option></xsl:for-each>
        </select></p>
      <p><label for="part"><xsl:value-of select="qc:msg('stage.presenter.part')"/></label>
        <select id="part" name="part">
          <xsl:for-each select="stage/part[@points-per-right]"><option value="{@code}"><xsl:value-of select="normalize-space(text()[1])"/></option></xsl:for-each>
        </select></p>
      <p><label for="topic"><xsl:value-of select="qc:msg('stage.presenter.topic')"/></label>
        <select id="topic" name="topic">
          <xsl:for-each select="topics/topic"><option value="{@code}"><xsl:value-of select="qc:msg('stage.presenter.topic_left', ., @left)"/></option></xsl:for-each>
        </select></p>
      <p><button type="submit" id="draw"><xsl:value-of select="qc:msg('stage.presenter.draw')"/></button></p>
    </form>
  </xsl:template>
</xsl:stylesheet>
