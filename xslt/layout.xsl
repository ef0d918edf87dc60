<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl: the look every page shares (header with organiser and contest title, navigation,
  footer). A webmaster gives the site the portal's look by replacing this one file
  (QuizContestLayout) and/or adding one CSS file (QuizContestThemeCSS); page stylesheets keep
  working because they only fill the templates in mode "title" and mode "content".
  Texts come from messages.xml through qc:msg('key', ...).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt"
    exclude-result-prefixes="qc">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- strings, not attribute nodes: every AVT that uses them would convert them again -->
  <xsl:variable name="base" select="string(/page/@base)"/>
  <xsl:variable name="static" select="string(/page/@static)"/>

  <xsl:template match="/">
    <html lang="vi">
      <head>
        <!-- no <meta charset>: libxslt's html output writes the charset meta itself (two would
             be invalid HTML) -->
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="page" mode="title"/>
          <xsl:if test="page/contest/title">
            <xsl:text> – </xsl:text>
            <xsl:value-of select="page/contest/title"/>
          </xsl:if>
        </title>
        <link rel="stylesheet" href="{$static}/quizcontest.css"/>
        <xsl:if test="page/@theme-css">
          <link rel="stylesheet" href="{page/@theme-css}"/>
        </xsl:if>
        <xsl:apply-templates select="page" mode="head"/>
      </head>
      <body class="page-{page/@name} area-{page/@area}">
        <a class="skip" href="#main"><xsl:value-of select="qc:msg('nav.skip')"/></a>
        <header class="site-header">
          <div class="wrap">
            <p class="organiser">
              <xsl:choose>
                <xsl:when test="page/contest/organiser != ''">
                  <xsl:value-of select="page/contest/organiser"/>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="qc:msg('site.organiser')"/></xsl:otherwise>
              </xsl:choose>
            </p>
            <p class="contest-title">
              <a href="{$base}/">
                <xsl:choose>
                  <xsl:when test="page/contest/title">
                    <xsl:value-of select="page/contest/title"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="qc:msg('site.title')"/></xsl:otherwise>
                </xsl:choose>
              </a>
            </p>
          </div>
          <xsl:apply-templates select="page" mode="nav"/>
        </header>
        <main id="main" class="wrap">
          <xsl:apply-templates select="page" mode="content"/>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p><xsl:value-of select="qc:msg('site.footer')"/></p>
          </div>
        </footer>
        <xsl:apply-templates select="page" mode="scripts"/>
      </body>
    </html>
  </xsl:template>

  <!-- navigation of the contestant area; other areas have their own -->
  <xsl:template match="page" mode="nav">
    <nav class="site-nav" aria-label="{qc:msg('nav.label')}">
      <div class="wrap">
        <a href="{$base}/"><xsl:value-of select="qc:msg('nav.home')"/></a>
        <xsl:choose>
          <xsl:when test="@area = 'secretariat'">
            <a href="{$base}/cuoc-thi"><xsl:value-of select="qc:msg('nav.staff.settings')"/></a>
            <a href="{$base}/dinh-nghia"><xsl:value-of select="qc:msg('nav.staff.definition')"/></a>
            <a href="{$base}/cau-hoi"><xsl:value-of select="qc:msg('nav.staff.questions')"/></a>
            <a href="{$base}/nhap-cau-hoi"><xsl:value-of select="qc:msg('nav.staff.import')"/></a>
            <a href="{$base}/thong-ke-cau-hoi"><xsl:value-of select="qc:msg('nav.staff.qstats')"/></a>
            <a href="{$base}/thi-sinh"><xsl:value-of select="qc:msg('nav.staff.contestants')"/></a>
            <a href="{$base}/ket-qua"><xsl:value-of select="qc:msg('nav.staff.results')"/></a>
            <a href="{$base}/don-vi"><xsl:value-of select="qc:msg('nav.staff.units')"/></a>
            <a href="{$base}/nhat-ky"><xsl:value-of select="qc:msg('nav.staff.audit')"/></a>
            <span class="staff"><xsl:value-of select="qc:msg('nav.staff', staff/@user)"/></span>
          </xsl:when>
          <xsl:when test="@area != 'contestant'">
            <span class="staff"><xsl:value-of select="qc:msg('nav.staff', staff/@user)"/></span>
          </xsl:when>
          <xsl:when test="user">
            <a href="{$base}/tai-khoan"><xsl:value-of select="qc:msg('nav.account')"/></a>
            <form class="inline" method="post" action="{$base}/dang-xuat">
              <input type="hidden" name="csrf" value="{csrf}"/>
              <button type="submit" class="link">
                <xsl:value-of select="qc:msg('nav.logout', user/name)"/>
              </button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <a href="{$base}/dang-ky"><xsl:value-of select="qc:msg('nav.register')"/></a>
            <a href="{$base}/dang-nhap"><xsl:value-of select="qc:msg('nav.login')"/></a>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </nav>
  </xsl:template>

  <!-- hooks the pages may fill -->
  <xsl:template match="page" mode="title"/>
  <xsl:template match="page" mode="head"/>
  <xsl:template match="page" mode="scripts"/>
  <xsl:template match="page" mode="content"/>

  <!-- a form field's error message, next to the field (id used by aria-describedby) -->
  <xsl:template name="field-error">
    <xsl:param name="field"/>
    <xsl:if test="$field/@error">
      <p class="field-error" id="{$field/@name}-error" role="alert">
        <xsl:value-of select="qc:msg($field/@error)"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- a labelled text input filled with what the user typed -->
  <xsl:template name="text-field">
    <xsl:param name="field"/>
    <xsl:param name="label"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="required" select="true()"/>
    <xsl:param name="autocomplete" select="''"/>
    <xsl:param name="inputmode" select="''"/>
    <xsl:param name="hint" select="''"/>
    <div class="field">
      <xsl:if test="$field/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$field/@name}">
        <xsl:value-of select="$label"/>
        <xsl:if test="$required"><span class="req" aria-hidden="true"> *</span></xsl:if>
      </label>
      <xsl:if test="$hint != ''">
        <p class="hint" id="{$field/@name}-hint"><xsl:value-of select="$hint"/></p>
      </xsl:if>
      <input id="f-{$field/@name}" name="{$field/@name}" type="{$type}" value="{$field}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$autocomplete != ''">
          <xsl:attribute name="autocomplete"><xsl:value-of select="$autocomplete"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$inputmode != ''">
          <xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$field/@error">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$field/@name"/>-error</xsl:attribute>
        </xsl:if>
      </input>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
    </div>
  </xsl:template>
</xsl:stylesheet>
