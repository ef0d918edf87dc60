<?xml version="1.0" encoding="UTF-8"?>
<!-- quiz.xsl: all questions on one page, one form. An option is named by its place in the
     order shown (choice/@id, 1..n), never by its choice id. Without JavaScript it works as a plain
     form ("Lưu bài" saves, "Nộp bài" submits); with it, quizcontest.js saves each answer as it
     is chosen and shows the server's countdown. Nothing here knows the answer key. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('quiz.title')"/></xsl:template>

  <xsl:template match="page" mode="scripts">
    <script src="{$static}/quizcontest.js" defer="defer"></script>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="q" select="quiz"/>
    <form id="quiz" method="post" action="{$base}/bai-thi/{$q/@attempt-id}/nop" class="quiz"
          data-save-url="{$base}/bai-thi/{$q/@attempt-id}/luu" data-seq="{$q/@answer-seq}"
          data-remaining-ms="{$q/@remaining-ms}" data-elapsed-ms="{$q/@elapsed-ms}" data-deadline-ms="{$q/@deadline-ms}"
          data-msg-saving="{qc:msg('quiz.js.saving')}" data-msg-saved="{qc:msg('quiz.js.saved')}"
          data-msg-offline="{qc:msg('quiz.js.offline')}" data-msg-stale="{qc:msg('quiz.js.stale')}"
          data-msg-closed="{qc:msg('quiz.js.closed')}" data-msg-left="{qc:msg('quiz.js.left')}">
      <input type="hidden" name="csrf" value="{csrf}"/>
      <!-- a save's sequence number is the milliseconds since the attempt's start when it was
           numbered (the server's clock, sent with the page): the form without script is
           numbered when the page was made, the script numbers each save as it is chosen -->
      <input type="hidden" name="seq" value="{$q/@form-seq}"/>
      <div class="quiz-bar" role="region" aria-label="{qc:msg('quiz.bar')}">
        <p class="timer"><xsl:value-of select="qc:msg('quiz.deadline')"/><xsl:text> </xsl:text>
          <time id="deadline" datetime="{$q/@deadline-iso}"><xsl:value-of select="$q/@deadline-local"/></time>
          <span id="countdown" class="countdown" aria-live="off"></span>
        </p>
        <p id="save-state" class="save-state" role="status" aria-live="polite"></p>
      </div>
      <h1><xsl:value-of select="qc:msg('quiz.heading', $q/@round-title, $q/@attempt-no)"/></h1>
      <xsl:if test="$q/@error">
        <p class="form-error" role="alert"><xsl:value-of select="qc:msg($q/@error)"/></p>
      </xsl:if>
      <xsl:if test="$q/@saved">
        <p class="notice" role="status"><xsl:value-of select="qc:msg('quiz.saved_all')"/></p>
      </xsl:if>
      <!-- the loop runs once per question and its inner loop once per choice: what they use
           is computed once, as a string (a string variable costs the AVTs no conversion), and
           the input's type is written literally in one loop per kind: an xsl:choose in an
           xsl:variable built a result-tree fragment per question and a {$type} per choice -->
      <xsl:variable name="count" select="count($q/question)"/>
      <ol class="questions">
        <xsl:for-each select="$q/question">
          <xsl:variable name="pos" select="string(@position)"/>
          <li class="question" id="q{$pos}">
            <fieldset data-position="{$pos}" data-kind="{@kind}">
              <legend>
                <span class="qnum"><xsl:value-of select="qc:msg('quiz.question_n', $pos, $count)"/></span>
                <xsl:text> </xsl:text>
                <span class="qtext"><xsl:value-of select="text"/></span>
                <xsl:if test="@kind = 'multiple'"><span class="hint"><xsl:text> </xsl:text><xsl:value-of select="qc:msg('quiz.multiple_hint')"/></span></xsl:if>
              </legend>
              <!-- the two loops differ only in the input's type -->
              <xsl:choose>
                <xsl:when test="@kind = 'multiple'">
                  <xsl:for-each select="choice">
                    <label class="choice">
                      <input type="checkbox" name="a{$pos}" value="{@id}">
                        <xsl:if test="@selected"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                      </input>
                      <span><xsl:value-of select="."/></span>
                    </label>
                  </xsl:for-each>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:for-each select="choice">
                    <label class="choice">
                      <input type="radio" name="a{$pos}" value="{@id}">
                        <xsl:if test="@selected"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                      </input>
                      <span><xsl:value-of select="."/></span>
                    </label>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </fieldset>
          </li>
        </xsl:for-each>
      </ol>
      <div class="field prediction">
        <label for="f-prediction"><xsl:value-of select="qc:msg('quiz.prediction')"/><span class="req" aria-hidden="true"> *</span></label>
        <p class="hint"><xsl:value-of select="$q/prediction"/></p>
        <input id="f-prediction" name="prediction" type="text" inputmode="numeric" pattern="[0-9]*" value="{$q/prediction/@value}" required="required" autocomplete="off">
          <xsl:if test="$q/@error = 'err.prediction.required' or $q/@error = 'err.prediction.format'">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
          </xsl:if>
        </input>
      </div>
      <p class="quiz-actions">
        <button type="submit" class="button" name="whole" value="1" formaction="{$base}/bai-thi/{$q/@attempt-id}/luu"><xsl:value-of select="qc:msg('quiz.save')"/></button>
        <button type="submit" class="button primary"><xsl:value-of select="qc:msg('quiz.submit')"/></button>
      </p>
    </form>
  </xsl:template>
</xsl:stylesheet>
