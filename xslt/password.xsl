<?xml version="1.0" encoding="UTF-8"?>
<!-- password.xsl: the contestant changes their password (the current one, the new one twice);
     after a login with a temporary password this page comes first. Passwords are never shown
     back, only their messages next to their fields. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('password.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="f" select="password/form"/>
    <xsl:variable name="cur" select="$f/field[@name='current_password']"/>
    <xsl:variable name="pw" select="$f/field[@name='password']"/>
    <h1><xsl:value-of select="qc:msg('password.title')"/></h1>
    <xsl:if test="password/@temporary">
      <p class="notice" role="alert"><xsl:value-of select="qc:msg('password.temporary')"/></p>
    </xsl:if>
    <form method="post" action="{$base}/tai-khoan/mat-khau" class="card form">
      <input type="hidden" name="csrf" value="{csrf}"/>
      <div class="field">
        <xsl:if test="$cur/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-current_password"><xsl:value-of select="qc:msg('field.current_password')"/><span class="req" aria-hidden="true"> *</span></label>
        <input id="f-current_password" name="current_password" type="password" autocomplete="current-password" required="required">
          <xsl:if test="$cur/@error"><xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">current_password-error</xsl:attribute></xsl:if>
        </input>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$cur"/></xsl:call-template>
      </div>
      <div class="field">
        <xsl:if test="$pw/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-password"><xsl:value-of select="qc:msg('field.new_password')"/><span class="req" aria-hidden="true"> *</span></label>
        <p class="hint" id="password-hint"><xsl:value-of select="qc:msg('field.password.hint')"/></p>
        <input id="f-password" name="password" type="password" autocomplete="new-password" required="required" aria-describedby="password-hint">
          <xsl:if test="$pw/@error"><xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">password-hint password-error</xsl:attribute></xsl:if>
        </input>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$pw"/></xsl:call-template>
      </div>
      <div class="field">
        <label for="f-password2"><xsl:value-of select="qc:msg('field.new_password2')"/><span class="req" aria-hidden="true"> *</span></label>
        <input id="f-password2" name="password2" type="password" autocomplete="new-password" required="required"/>
      </div>
      <p><button type="submit" class="button primary"><xsl:value-of select="qc:msg('password.submit')"/></button></p>
      <xsl:if test="not(password/@temporary)">
        <p><a href="{$base}/tai-khoan"><xsl:value-of select="qc:msg('password.back')"/></a></p>
      </xsl:if>
    </form>
  </xsl:template>
</xsl:stylesheet>
