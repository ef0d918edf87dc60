<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-question.xsl: one question as contestants see it, with its key (staff only), how
     often it was drawn and answered right, its versions, and retiring it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.question.title', question/@code, question/@version)"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="q" select="question"/>
    <p><a href="{$base}/cau-hoi"><xsl:value-of select="qc:msg('staff.question.back')"/></a></p>
    <h1><xsl:value-of select="qc:msg('staff.question.title', $q/@code, $q/@version)"/></h1>
    <xsl:if test="notice">
      <p class="notice" role="status"><xsl:value-of select="qc:msg(notice)"/></p>
    </xsl:if>
    <p>
      <xsl:value-of select="$q/@topic-title"/> ·
      <xsl:value-of select="qc:msg(concat('staff.questions.kind.', $q/@kind))"/> ·
      <xsl:choose>
        <xsl:when test="$q/@retired = '1'"><xsl:value-of select="qc:msg('staff.questions.retired')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="qc:msg('staff.questions.active')"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <section class="card question-preview">
      <p class="stem"><xsl:value-of select="$q/text"/></p>
      <ol class="choices" type="A">
        <xsl:for-each select="$q/choices/choice">
          <li>
            <xsl:if test="@correct = '1'"><xsl:attribute name="class">correct</xsl:attribute></xsl:if>
            <xsl:value-of select="."/>
            <xsl:if test="@correct = '1'"> <strong> (<xsl:value-of select="qc:msg('staff.question.correct')"/>)</strong></xsl:if>
            <xsl:if test="../../@drawn &gt; 0"> <small class="picked"> – <xsl:value-of select="qc:msg('staff.question.picked', @picked)"/></small></xsl:if>
          </li>
        </xsl:for-each>
      </ol>
      <xsl:if test="$q/explanation != ''">
        <p class="explanation"><strong><xsl:value-of select="qc:msg('staff.question.explanation')"/>: </strong><xsl:value-of select="$q/explanation"/></p>
      </xsl:if>
    </section>
    <p class="stats">
      <xsl:choose>
        <xsl:when test="$q/@drawn &gt; 0"><xsl:value-of select="qc:msg('staff.question.stats', $q/@drawn, $q/@right, $q/@right-percent)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="qc:msg('staff.question.stats_none')"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$q/choices/@unanswered"><xsl:text> </xsl:text><xsl:value-of select="qc:msg('staff.question.unanswered', $q/choices/@unanswered)"/></xsl:if>
    </p>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('staff.question.versions')"/></h2>
      <ul>
        <xsl:for-each select="$q/versions/version">
          <li>
            <a href="{$base}/cau-hoi/{@id}"><xsl:value-of select="qc:msg('staff.question.version_line', @number, @created-local)"/></a>
            <xsl:if test="@retired = '1'"> – <xsl:value-of select="qc:msg('staff.questions.retired')"/></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    <xsl:if test="$q/@retired = '0'">
      <p><a class="button" href="{$base}/cau-hoi/{$q/@id}/sua"><xsl:value-of select="qc:msg('staff.question.edit')"/></a></p>
      <form method="post" action="{$base}/cau-hoi/{$q/@id}/ngung-dung" class="card">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <p class="hint"><xsl:value-of select="qc:msg('staff.question.retire_hint')"/></p>
        <button type="submit" class="button danger"><xsl:value-of select="qc:msg('staff.question.retire')"/></button>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
