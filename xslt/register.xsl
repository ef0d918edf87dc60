<?xml version="1.0" encoding="UTF-8"?>
<!-- register.xsl: the registration form; a refused form comes back filled in (except the
     password) with each message next to its field. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('register.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="f" select="register/form"/>
    <xsl:variable name="o" select="register/options"/>
    <h1><xsl:value-of select="qc:msg('register.title')"/></h1>
    <p class="lead"><xsl:value-of select="qc:msg('register.lead')"/></p>
    <xsl:if test="$f/@error">
      <p class="form-error" role="alert"><xsl:value-of select="qc:msg($f/@error)"/></p>
    </xsl:if>
    <xsl:if test="$f/field/@error">
      <p class="form-error" role="alert"><xsl:value-of select="qc:msg('register.fix_errors', count($f/field[@error]))"/></p>
    </xsl:if>
    <form method="post" action="{$base}/dang-ky" class="card form" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{csrf}"/>
      <xsl:call-template name="text-field">
        <xsl:with-param name="field" select="$f/field[@name='full_name']"/>
        <xsl:with-param name="label" select="qc:msg('field.full_name')"/>
        <xsl:with-param name="autocomplete" select="'name'"/>
      </xsl:call-template>
      <xsl:call-template name="text-field">
        <xsl:with-param name="field" select="$f/field[@name='dob']"/>
        <xsl:with-param name="label" select="qc:msg('field.dob')"/>
        <!-- a text field, not type=date (which shows the browser's mm/dd/yyyy): typed the way
             Vietnamese write it, from a phone's number pad; the server also takes 25081990 and
             the ISO form -->
        <xsl:with-param name="autocomplete" select="'bday'"/>
        <xsl:with-param name="inputmode" select="'numeric'"/>
        <xsl:with-param name="hint">
          <xsl:value-of select="qc:msg('field.dob.format')"/>
          <xsl:if test="$o/@min-age &gt; 0"><xsl:text> </xsl:text><xsl:value-of select="qc:msg('field.dob.hint', $o/@min-age)"/></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="text-field">
        <xsl:with-param name="field" select="$f/field[@name='phone']"/>
        <xsl:with-param name="label" select="qc:msg('field.phone')"/>
        <xsl:with-param name="type" select="'tel'"/>
        <xsl:with-param name="autocomplete" select="'tel'"/>
        <xsl:with-param name="inputmode" select="'numeric'"/>
        <xsl:with-param name="hint" select="qc:msg('field.phone.hint')"/>
      </xsl:call-template>
      <xsl:if test="$o/@cccd != 'off'">
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='cccd']"/>
          <xsl:with-param name="label" select="qc:msg('field.cccd')"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
          <xsl:with-param name="required" select="$o/@cccd = 'required'"/>
          <xsl:with-param name="hint" select="qc:msg('field.cccd.hint')"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$o/@email != 'off'">
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='email']"/>
          <xsl:with-param name="label" select="qc:msg('field.email')"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="autocomplete" select="'email'"/>
          <xsl:with-param name="required" select="$o/@email = 'required'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:variable name="unit" select="$f/field[@name='unit_id']"/>
      <div class="field">
        <xsl:if test="$unit/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-unit_id"><xsl:value-of select="qc:msg('field.unit')"/><span class="req" aria-hidden="true"> *</span></label>
        <select id="f-unit_id" name="unit_id" required="required">
          <xsl:if test="$unit/@error">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">unit_id-error</xsl:attribute>
          </xsl:if>
          <option value=""><xsl:value-of select="qc:msg('field.unit.choose')"/></option>
          <xsl:for-each select="register/units/unit">
            <option value="{@id}">
              <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:call-template name="indent"><xsl:with-param name="n" select="@depth"/></xsl:call-template>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$unit"/></xsl:call-template>
      </div>
      <xsl:if test="register/groups/group">
        <xsl:variable name="group" select="$f/field[@name='group_id']"/>
        <fieldset class="field">
          <xsl:if test="$group/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <legend><xsl:value-of select="qc:msg('field.group')"/><span class="req" aria-hidden="true"> *</span></legend>
          <xsl:for-each select="register/groups/group">
            <label class="choice">
              <input type="radio" name="group_id" value="{@id}" required="required">
                <xsl:if test="@selected"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <span><xsl:value-of select="."/></span>
            </label>
          </xsl:for-each>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="$group"/></xsl:call-template>
        </fieldset>
      </xsl:if>
      <xsl:variable name="pw" select="$f/field[@name='password']"/>
      <div class="field">
        <xsl:if test="$pw/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-password"><xsl:value-of select="qc:msg('field.password')"/><span class="req" aria-hidden="true"> *</span></label>
        <p class="hint" id="password-hint"><xsl:value-of select="qc:msg('field.password.hint')"/></p>
        <input id="f-password" name="password" type="password" autocomplete="new-password" required="required" aria-describedby="password-hint">
          <xsl:if test="$pw/@error"><xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">password-hint password-error</xsl:attribute></xsl:if>
        </input>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$pw"/></xsl:call-template>
      </div>
      <div class="field">
        <label for="f-password2"><xsl:value-of select="qc:msg('field.password2')"/><span class="req" aria-hidden="true"> *</span></label>
        <input id="f-password2" name="password2" type="password" autocomplete="new-password" required="required"/>
      </div>
      <p><button type="submit" class="button primary"><xsl:value-of select="qc:msg('register.submit')"/></button></p>
      <p><xsl:value-of select="qc:msg('register.have_account')"/><xsl:text> </xsl:text><a href="{$base}/dang-nhap"><xsl:value-of select="qc:msg('nav.login')"/></a></p>
    </form>
  </xsl:template>

  <xsl:template name="indent">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:text>   </xsl:text>
      <xsl:call-template name="indent"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
