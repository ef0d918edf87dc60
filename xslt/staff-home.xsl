<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-home.xsl: the overview of the secretariat and jury areas (behind Apache auth). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg(concat('staff.title.', @area))"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="o" select="overview"/>
    <h1><xsl:value-of select="qc:msg(concat('staff.title.', @area))"/></h1>
    <section class="card">
      <dl class="facts">
        <dt><xsl:value-of select="qc:msg('staff.status')"/></dt>
        <dd><xsl:value-of select="qc:msg(concat('home.status.', $o/@status))"/></dd>
        <dt><xsl:value-of select="qc:msg('staff.registered')"/></dt>
        <dd class="registered"><xsl:value-of select="$o/@registered"/></dd>
        <dt><xsl:value-of select="qc:msg('staff.participants')"/></dt>
        <dd class="participants"><xsl:value-of select="$o/@participants"/></dd>
        <dt><xsl:value-of select="qc:msg('home.timeline')"/></dt>
        <dd><xsl:value-of select="qc:msg('home.window', $o/window/@opens-local, $o/window/@closes-local)"/></dd>
      </dl>
    </section>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('home.rounds')"/></h2>
      <ul>
        <xsl:for-each select="$o/rounds/round">
          <li><xsl:value-of select="qc:msg('staff.round', ., @opens-local, @closes-local, @attempts)"/></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>
</xsl:stylesheet>
