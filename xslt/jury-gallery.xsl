<?xml version="1.0" encoding="UTF-8"?>
<!-- jury-gallery.xsl: the public gallery of the video-clip contest, once published: each
     clip (HTML5 video served by Apache, or its link) with the unit, the title and the result. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="clips/title"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="clips/title"/></h1>
    <xsl:choose>
      <xsl:when test="clips/@published = '0'">
        <p class="notice"><xsl:value-of select="qc:msg('jury.gallery.not_yet')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="entries/entry">
          <xsl:sort select="not(@rank-order)"/>
          <xsl:sort select="@rank-order" data-type="number"/>
          <article class="clip" id="clip-{@id}">
            <h2><xsl:value-of select="title"/></h2>
            <p class="unit"><xsl:value-of select="unit"/></p>
            <xsl:choose>
              <xsl:when test="@src">
                <video controls="controls" preload="metadata" src="{@src}">
                  <a href="{@src}"><xsl:value-of select="qc:msg('jury.clip.download')"/></a>
                </video>
              </xsl:when>
              <xsl:when test="@link">
                <p><a href="{@link}" rel="noopener noreferrer"><xsl:value-of select="qc:msg('jury.clip.watch')"/></a></p>
              </xsl:when>
            </xsl:choose>
            <p><xsl:value-of select="description"/></p>
            <p class="result">
              <xsl:if test="@final"><xsl:value-of select="qc:msg('jury.gallery.result', @position, translate(@final, '.', ','))"/></xsl:if>
              <xsl:if test="@prize"><xsl:text> </xsl:text><strong><xsl:value-of select="@prize"/></strong></xsl:if>
            </p>
          </article>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
