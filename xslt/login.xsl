<?xml version="1.0" encoding="UTF-8"?>
<!-- login.xsl: phone number and password; says when to try again if throttled. When every
     password check of the process is busy (login/waiting, QuizContestPasswordChecks), the
     page says the login waits its turn. While logins queue (login/@busy), quizcontest.js sends
     the form itself and, after a waiting answer, sends it again after login/waiting/@retry-in-s
     seconds (the password stays in the browser, never in the page); otherwise the browser
     sends the form as ever. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('login.title')"/></xsl:template>

  <xsl:template match="page" mode="scripts">
    <script src="{$static}/quizcontest.js" defer="defer"></script>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="f" select="login/form"/>
    <h1><xsl:value-of select="qc:msg('login.title')"/></h1>
    <xsl:if test="login/waiting">
      <p class="form-notice" role="status" id="login-waiting" data-retry-in-s="{login/waiting/@retry-in-s}">
        <xsl:value-of select="qc:msg('login.waiting', login/waiting/@retry-in-s)"/>
      </p>
    </xsl:if>
    <xsl:if test="$f/@error">
      <p class="form-error" role="alert">
        <xsl:choose>
          <xsl:when test="login/throttle">
            <xsl:value-of select="qc:msg($f/@error, login/throttle/@retry-at-local, login/throttle/@retry-in-s)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="qc:msg($f/@error)"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <form method="post" action="{$base}/dang-nhap" class="card form">
      <xsl:if test="login/@busy"><xsl:attribute name="data-login-queue">1</xsl:attribute></xsl:if>
      <input type="hidden" name="csrf" value="{csrf}"/>
      <xsl:call-template name="text-field">
        <xsl:with-param name="field" select="$f/field[@name='phone']"/>
        <xsl:with-param name="label" select="qc:msg('field.phone')"/>
        <xsl:with-param name="type" select="'tel'"/>
        <xsl:with-param name="autocomplete" select="'username'"/>
        <xsl:with-param name="inputmode" select="'numeric'"/>
      </xsl:call-template>
      <xsl:variable name="pw" select="$f/field[@name='password']"/>
      <div class="field">
        <xsl:if test="$pw/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-password"><xsl:value-of select="qc:msg('field.password')"/><span class="req" aria-hidden="true"> *</span></label>
        <input id="f-password" name="password" type="password" autocomplete="current-password" required="required">
          <xsl:if test="$pw/@error"><xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">password-error</xsl:attribute></xsl:if>
        </input>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$pw"/></xsl:call-template>
      </div>
      <p><button type="submit" class="button primary"><xsl:value-of select="qc:msg('login.submit')"/></button></p>
      <p class="hint"><xsl:value-of select="qc:msg('login.forgot')"/></p>
      <p><xsl:value-of select="qc:msg('login.no_account')"/><xsl:text> </xsl:text><a href="{$base}/dang-ky"><xsl:value-of select="qc:msg('nav.register')"/></a></p>
    </form>
  </xsl:template>
</xsl:stylesheet>
