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

  <!-- one link of the navigation; the one to the page shown says so to screen readers
       (aria-current="page"). pages: the names (page/@name) of the pages it leads to. -->
  <xsl:template name="nav-link">
    <xsl:param name="path"/>
    <xsl:param name="key"/>
    <xsl:param name="pages"/>
    <a href="{$base}{$path}">
      <xsl:if test="contains(concat(' ', $pages, ' '), concat(' ', /page/@name, ' '))">
        <xsl:attribute name="aria-current">page</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="qc:msg($key)"/>
    </a>
  </xsl:template>

  <!-- navigation of the contestant area; other areas have their own -->
  <xsl:template match="page" mode="nav">
    <nav class="site-nav" aria-label="{qc:msg('nav.label')}">
      <div class="wrap">
        <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/'"/><xsl:with-param name="key" select="'nav.home'"/><xsl:with-param name="pages" select="'home staff-home'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="@area = 'secretariat'">
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/cuoc-thi'"/><xsl:with-param name="key" select="'nav.staff.settings'"/><xsl:with-param name="pages" select="'staff-contest'"/></xsl:call-template>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/dinh-nghia'"/><xsl:with-param name="key" select="'nav.staff.definition'"/><xsl:with-param name="pages" select="'staff-definition'"/></xsl:call-template>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/cau-hoi'"/><xsl:with-param name="key" select="'nav.staff.questions'"/><xsl:with-param name="pages" select="'staff-questions staff-question staff-question-edit'"/></xsl:call-template>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/nhap-cau-hoi'"/><xsl:with-param name="key" select="'nav.staff.import'"/><xsl:with-param name="pages" select="'staff-import'"/></xsl:call-template>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/thong-ke-cau-hoi'"/><xsl:with-param name="key" select="'nav.staff.qstats'"/><xsl:with-param name="pages" select="'staff-question-stats'"/></xsl:call-template>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/thi-sinh'"/><xsl:with-param name="key" select="'nav.staff.contestants'"/><xsl:with-param name="pages" select="'staff-contestant'"/></xsl:call-template>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/ket-qua'"/><xsl:with-param name="key" select="'nav.staff.results'"/><xsl:with-param name="pages" select="'results'"/></xsl:call-template>
            <xsl:if test="contest/parts/@clips = '1'">
              <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/video'"/><xsl:with-param name="key" select="'nav.staff.clips'"/><xsl:with-param name="pages" select="'jury-staff'"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="contest/parts/@stage = '1'">
              <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/san-khau'"/><xsl:with-param name="key" select="'nav.staff.stage'"/><xsl:with-param name="pages" select="'stage-staff'"/></xsl:call-template>
            </xsl:if>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/don-vi'"/><xsl:with-param name="key" select="'nav.staff.units'"/><xsl:with-param name="pages" select="'units'"/></xsl:call-template>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/nhat-ky'"/><xsl:with-param name="key" select="'nav.staff.audit'"/><xsl:with-param name="pages" select="'staff-audit'"/></xsl:call-template>
            <span class="staff"><xsl:value-of select="qc:msg('nav.staff', staff/@user)"/></span>
          </xsl:when>
          <xsl:when test="@area != 'contestant'">
            <span class="staff"><xsl:value-of select="qc:msg('nav.staff', staff/@user)"/></span>
          </xsl:when>
          <xsl:when test="user">
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/tai-khoan'"/><xsl:with-param name="key" select="'nav.account'"/><xsl:with-param name="pages" select="'account'"/></xsl:call-template>
            <form class="inline" method="post" action="{$base}/dang-xuat">
              <input type="hidden" name="csrf" value="{csrf}"/>
              <button type="submit" class="link">
                <xsl:value-of select="qc:msg('nav.logout', user/name)"/>
              </button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <xsl:if test="not(/page/contest/@status = 'closed')">
              <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/dang-ky'"/><xsl:with-param name="key" select="'nav.register'"/><xsl:with-param name="pages" select="'register'"/></xsl:call-template>
            </xsl:if>
            <xsl:call-template name="nav-link"><xsl:with-param name="path" select="'/dang-nhap'"/><xsl:with-param name="key" select="'nav.login'"/><xsl:with-param name="pages" select="'login'"/></xsl:call-template>
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
        <xsl:if test="$hint != ''">
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$field/@name"/>-hint</xsl:attribute>
        </xsl:if>
        <xsl:if test="$autocomplete != ''">
          <xsl:attribute name="autocomplete"><xsl:value-of select="$autocomplete"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$inputmode != ''">
          <xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$field/@error">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$field/@name"/>-error<xsl:if test="$hint != ''"><xsl:text> </xsl:text><xsl:value-of select="$field/@name"/>-hint</xsl:if></xsl:attribute>
        </xsl:if>
      </input>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
    </div>
  </xsl:template>
</xsl:stylesheet>
