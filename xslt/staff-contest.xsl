<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-contest.xsl: the contest's settings. A refused form comes back as typed, each
     message beside its field; changing a scoring rule once attempts exist needs the
     confirmation box, which appears with a warning naming how many attempts there are. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.settings.title')"/></xsl:template>

  <xsl:template name="choice-field">
    <xsl:param name="field"/>
    <xsl:param name="label"/>
    <xsl:param name="values"/>
    <div class="field">
      <xsl:if test="$field/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$field/@name}"><xsl:value-of select="$label"/></label>
      <select id="f-{$field/@name}" name="{$field/@name}">
        <xsl:if test="$field/@error">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$field/@name"/>-error</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="options">
          <xsl:with-param name="field" select="$field"/>
          <xsl:with-param name="rest" select="concat($values, ' ')"/>
        </xsl:call-template>
      </select>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template name="options">
    <xsl:param name="field"/>
    <xsl:param name="rest"/>
    <xsl:if test="normalize-space($rest) != ''">
      <xsl:variable name="v" select="substring-before($rest, ' ')"/>
      <option value="{$v}">
        <xsl:if test="$v = string($field)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:value-of select="qc:msg(concat('staff.settings.', $field/@name, '.', $v))"/>
      </option>
      <xsl:call-template name="options">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="rest" select="substring-after($rest, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="f" select="settings/form"/>
    <h1><xsl:value-of select="qc:msg('staff.settings.title')"/></h1>
    <xsl:if test="notice">
      <p class="notice" role="status"><xsl:value-of select="qc:msg(notice)"/></p>
    </xsl:if>
    <xsl:if test="$f/field/@error">
      <p class="form-error" role="alert"><xsl:value-of select="qc:msg('staff.settings.fix_errors', count($f/field[@error]))"/></p>
    </xsl:if>
    <xsl:if test="$f/@warning">
      <p class="form-error warning" role="alert"><xsl:value-of select="qc:msg($f/@warning, $f/@warning-attempts)"/></p>
    </xsl:if>
    <p class="hint"><xsl:value-of select="qc:msg('staff.settings.attempts_now', settings/@attempts)"/></p>
    <form method="post" action="{$base}/cuoc-thi" class="card form" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <fieldset>
        <legend><xsl:value-of select="qc:msg('staff.settings.general')"/></legend>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='title']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.title')"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='theme']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.theme')"/>
          <xsl:with-param name="required" select="false()"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='organiser']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.organiser')"/>
          <xsl:with-param name="required" select="false()"/>
        </xsl:call-template>
        <xsl:variable name="rules" select="$f/field[@name='rules']"/>
        <div class="field">
          <xsl:if test="$rules/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-rules"><xsl:value-of select="qc:msg('staff.settings.f.rules')"/></label>
          <textarea id="f-rules" name="rules" rows="10">
            <xsl:if test="$rules/@error">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby">rules-error</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="$rules"/>
          </textarea>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="$rules"/></xsl:call-template>
        </div>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='prediction']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.prediction')"/>
          <xsl:with-param name="required" select="false()"/>
        </xsl:call-template>
      </fieldset>
      <fieldset>
        <legend><xsl:value-of select="qc:msg('staff.settings.window')"/></legend>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='opens']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.opens')"/>
          <xsl:with-param name="hint" select="qc:msg('staff.settings.datetime_hint')"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='closes']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.closes')"/>
          <xsl:with-param name="hint" select="qc:msg('staff.settings.datetime_hint')"/>
        </xsl:call-template>
      </fieldset>
      <xsl:if test="$f/field[@round]">
        <fieldset class="rounds">
          <legend><xsl:value-of select="qc:msg('staff.settings.rounds')"/></legend>
          <p class="hint"><xsl:value-of select="qc:msg('staff.settings.rounds_hint')"/></p>
          <xsl:for-each select="$f/field[@round]">
            <xsl:call-template name="text-field">
              <xsl:with-param name="field" select="."/>
              <xsl:with-param name="label" select="qc:msg(concat('staff.settings.f.round_', @date), @round-title)"/>
              <xsl:with-param name="hint" select="qc:msg('staff.settings.datetime_hint')"/>
            </xsl:call-template>
          </xsl:for-each>
        </fieldset>
      </xsl:if>
      <fieldset>
        <legend><xsl:value-of select="qc:msg('staff.settings.quiz')"/></legend>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='questions']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.questions')"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
          <xsl:with-param name="hint" select="qc:msg('staff.settings.scoring_hint')"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='time_limit']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.time_limit')"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
          <xsl:with-param name="hint" select="qc:msg('staff.settings.scoring_hint')"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='attempts']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.attempts')"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
          <xsl:with-param name="hint" select="qc:msg('staff.settings.scoring_hint')"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="field" select="$f/field[@name='grace']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.grace')"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
        </xsl:call-template>
        <xsl:call-template name="choice-field">
          <xsl:with-param name="field" select="$f/field[@name='counted']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.counted')"/>
          <xsl:with-param name="values" select="'best first last'"/>
        </xsl:call-template>
        <xsl:call-template name="choice-field">
          <xsl:with-param name="field" select="$f/field[@name='reveal']"/>
          <xsl:with-param name="label" select="qc:msg('staff.settings.f.reveal')"/>
          <xsl:with-param name="values" select="'never after_submit after_round'"/>
        </xsl:call-template>
      </fieldset>
      <xsl:if test="$f/@warning">
        <div class="field check confirm">
          <input id="f-confirm" name="confirm" type="checkbox" value="1"/>
          <label for="f-confirm"><xsl:value-of select="qc:msg('staff.settings.confirm', $f/@warning-attempts)"/></label>
        </div>
      </xsl:if>
      <button type="submit"><xsl:value-of select="qc:msg('staff.settings.save')"/></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
