<?xml version="1.0" encoding="UTF-8"?>
<!-- jury-unit.xsl: a unit's entry to the video-clip contest: the rules, its entry, and the form
     to submit it (or replace it until the deadline). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="clips/title"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="clips/title"/></h1>
    <p class="unit"><xsl:value-of select="qc:msg('jury.unit.of', unit)"/></p>
    <p><xsl:value-of select="qc:msg('jury.unit.rules', clips/@deadline-local, clips/@max-mb)"/></p>
    <h2><xsl:value-of select="qc:msg('jury.criteria')"/></h2>
    <ul class="criteria">
      <xsl:for-each select="clips/criterion">
        <li><xsl:value-of select="qc:msg('jury.criterion', ., @max)"/></li>
      </xsl:for-each>
    </ul>
    <xsl:choose>
      <xsl:when test="entry">
        <section class="entry" id="entry" data-status="{entry/@status}">
          <h2><xsl:value-of select="qc:msg('jury.unit.your_entry')"/></h2>
          <p><strong><xsl:value-of select="entry/title"/></strong></p>
          <p><xsl:value-of select="entry/description"/></p>
          <xsl:apply-templates select="entry" mode="clip"/>
          <p><xsl:value-of select="qc:msg('jury.unit.updated', entry/@updated-local)"/></p>
          <xsl:if test="entry/@status = 'rejected'">
            <p class="error" role="alert"><xsl:value-of select="qc:msg('jury.unit.rejected', entry/reject-reason)"/></p>
          </xsl:if>
        </section>
        <xsl:if test="clips/@open = '1'">
          <h2><xsl:value-of select="qc:msg('jury.unit.replace')"/></h2>
          <xsl:call-template name="entry-form"><xsl:with-param name="action" select="concat($base, '/bai-du-thi/thay')"/></xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:when test="clips/@open = '1'">
        <h2><xsl:value-of select="qc:msg('jury.unit.submit')"/></h2>
        <xsl:call-template name="entry-form"><xsl:with-param name="action" select="concat($base, '/bai-du-thi')"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="clips/@open = '0'">
      <p class="notice"><xsl:value-of select="qc:msg('jury.unit.closed')"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="entry-form">
    <xsl:param name="action"/>
    <form method="post" action="{$action}" enctype="multipart/form-data" class="entry-form">
      <input type="hidden" name="csrf" value="{csrf}"/>
      <p><label for="title"><xsl:value-of select="qc:msg('jury.field.title')"/></label>
        <input type="text" id="title" name="title" required="required" maxlength="300"/></p>
      <p><label for="description"><xsl:value-of select="qc:msg('jury.field.description')"/></label>
        <textarea id="description" name="description" rows="4" maxlength="2000"></textarea></p>
      <p><label for="clip"><xsl:value-of select="qc:msg('jury.field.clip', clips/@max-mb)"/></label>
        <input type="file" id="clip" name="clip" accept="video/mp4,video/webm"/></p>
      <p><label for="link"><xsl:value-of select="qc:msg('jury.field.link')"/></label>
        <input type="url" id="link" name="link" maxlength="1000"/></p>
      <p><button type="submit"><xsl:value-of select="qc:msg('jury.unit.send')"/></button></p>
    </form>
  </xsl:template>

  <xsl:template match="entry" mode="clip">
    <xsl:choose>
      <xsl:when test="@src">
        <video controls="controls" preload="metadata" src="{@src}">
          <a href="{@src}"><xsl:value-of select="qc:msg('jury.clip.download')"/></a>
        </video>
      </xsl:when>
      <xsl:when test="@link">
        <p><a href="{@link}" rel="noopener noreferrer"><xsl:value-of select="@link"/></a></p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
