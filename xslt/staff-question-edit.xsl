<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-question-edit.xsl: writing a question, or editing one (saved as a new version: the
     attempts that drew the old one keep it). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="question-form/@id"><xsl:value-of select="qc:msg('staff.qform.title_edit')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="qc:msg('staff.qform.title_new')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="f" select="question-form"/>
    <p><a href="{$base}/cau-hoi"><xsl:value-of select="qc:msg('staff.question.back')"/></a></p>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="$f/@id">
      <p class="hint"><xsl:value-of select="qc:msg('staff.qform.version_hint')"/></p>
    </xsl:if>
    <xsl:variable name="action">
      <xsl:choose>
        <xsl:when test="$f/@id"><xsl:value-of select="concat($base, '/cau-hoi/', $f/@id, '/sua')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($base, '/cau-hoi/moi')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <form class="card" method="post" action="{$action}" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <xsl:variable name="topic" select="$f/field[@name='chu-de']"/>
      <div class="field">
        <xsl:if test="$topic/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-chu-de"><xsl:value-of select="qc:msg('staff.qform.topic')"/></label>
        <select id="f-chu-de" name="chu-de">
          <xsl:if test="$topic/@error">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">chu-de-error</xsl:attribute>
          </xsl:if>
          <option value=""><xsl:value-of select="qc:msg('staff.qform.topic_choose')"/></option>
          <xsl:for-each select="topics/topic">
            <option value="{@code}">
              <xsl:if test="@code = $topic"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$topic"/></xsl:call-template>
      </div>
      <xsl:call-template name="text-field">
        <xsl:with-param name="field" select="$f/field[@name='chu-de-moi']"/>
        <xsl:with-param name="label" select="qc:msg('staff.qform.new_topic')"/>
        <xsl:with-param name="required" select="false()"/>
      </xsl:call-template>
      <fieldset class="field">
        <legend><xsl:value-of select="qc:msg('staff.qform.kind')"/></legend>
        <xsl:call-template name="kind-radio"><xsl:with-param name="value" select="'single'"/><xsl:with-param name="f" select="$f"/></xsl:call-template>
        <xsl:call-template name="kind-radio"><xsl:with-param name="value" select="'multiple'"/><xsl:with-param name="f" select="$f"/></xsl:call-template>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$f/field[@name='loai']"/></xsl:call-template>
      </fieldset>
      <xsl:variable name="text" select="$f/field[@name='noi-dung']"/>
      <div class="field">
        <xsl:if test="$text/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-noi-dung"><xsl:value-of select="qc:msg('staff.qform.text')"/><span class="req" aria-hidden="true"> *</span></label>
        <textarea id="f-noi-dung" name="noi-dung" rows="4" required="required">
          <xsl:if test="$text/@error">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">noi-dung-error</xsl:attribute>
          </xsl:if>
          <xsl:value-of select="$text"/>
        </textarea>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$text"/></xsl:call-template>
      </div>
      <fieldset class="field choices-edit">
        <xsl:if test="$f/choices/@error"><xsl:attribute name="class">field choices-edit has-error</xsl:attribute></xsl:if>
        <legend><xsl:value-of select="qc:msg('staff.qform.choices')"/></legend>
        <p class="hint"><xsl:value-of select="qc:msg('staff.qform.choices_hint')"/></p>
        <xsl:for-each select="$f/choices/field">
          <div class="choice-edit">
            <xsl:if test="@error"><xsl:attribute name="class">choice-edit has-error</xsl:attribute></xsl:if>
            <label for="f-{@name}"><xsl:value-of select="qc:msg('staff.qform.choice', substring('ABCDEF', @n, 1))"/></label>
            <input id="f-{@name}" name="{@name}" type="text" value="{.}">
              <xsl:if test="@error"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby"><xsl:value-of select="concat(@name, '-error')"/></xsl:attribute></xsl:if>
            </input>
            <span class="check">
              <input id="f-dung-{@n}" name="dung-{@n}" type="checkbox" value="1">
                <xsl:if test="@correct = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="f-dung-{@n}"><xsl:value-of select="qc:msg('staff.qform.correct', substring('ABCDEF', @n, 1))"/></label>
            </span>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="."/></xsl:call-template>
          </div>
        </xsl:for-each>
        <xsl:if test="$f/choices/@error">
          <p class="field-error" id="dap-an-error" role="alert"><xsl:value-of select="qc:msg($f/choices/@error)"/></p>
        </xsl:if>
      </fieldset>
      <xsl:variable name="expl" select="$f/field[@name='giai-thich']"/>
      <div class="field">
        <xsl:if test="$expl/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-giai-thich"><xsl:value-of select="qc:msg('staff.qform.explanation')"/></label>
        <textarea id="f-giai-thich" name="giai-thich" rows="2"><xsl:value-of select="$expl"/></textarea>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="$expl"/></xsl:call-template>
      </div>
      <button type="submit" class="button primary"><xsl:value-of select="qc:msg('staff.qform.save')"/></button>
    </form>
  </xsl:template>

  <xsl:template name="kind-radio">
    <xsl:param name="value"/>
    <xsl:param name="f"/>
    <span class="check">
      <input id="f-loai-{$value}" name="loai" type="radio" value="{$value}">
        <xsl:if test="$f/field[@name='loai'] = $value"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label for="f-loai-{$value}"><xsl:value-of select="qc:msg(concat('staff.questions.kind.', $value))"/></label>
    </span>
  </xsl:template>
</xsl:stylesheet>
