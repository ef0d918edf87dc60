<?xml version="1.0" encoding="UTF-8"?>
<!-- results-confirm.xsl: the secretariat's question before a publication or a withdrawal of
     results: which ranking, how many it ranks, the ties still awaiting the committee; the
     button posts the same decision again with confirm=1, the link goes back to the ranking. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg(concat('results.confirm.title.', confirm/@action))"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="c" select="confirm"/>
    <xsl:variable name="scope">
      <xsl:choose>
        <xsl:when test="$c/@round = '0'"><xsl:value-of select="qc:msg('results.overall')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$c/@round-title"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <h1><xsl:value-of select="qc:msg(concat('results.confirm.title.', $c/@action))"/></h1>
    <section class="card confirm">
      <p class="what"><xsl:value-of select="qc:msg(concat('results.confirm.what.', $c/@action), $scope)"/></p>
      <dl class="facts">
        <dt><xsl:value-of select="qc:msg('results.total')"/></dt>
        <dd class="total"><xsl:value-of select="$c/@total"/></dd>
        <dt><xsl:value-of select="qc:msg('results.publication')"/></dt>
        <dd class="published"><xsl:value-of select="qc:msg(concat('results.published.', $c/@published))"/></dd>
        <dt><xsl:value-of select="qc:msg('results.confirm.ties')"/></dt>
        <dd class="pending">
          <xsl:choose>
            <xsl:when test="$c/@pending &gt; 0 or $c/@pending-prizes &gt; 0">
              <xsl:if test="$c/@pending &gt; 0"><xsl:value-of select="qc:msg('results.pending_notice', $c/@pending)"/></xsl:if>
              <xsl:if test="$c/@pending &gt; 0 and $c/@pending-prizes &gt; 0"><xsl:text> </xsl:text></xsl:if>
              <xsl:if test="$c/@pending-prizes &gt; 0"><xsl:value-of select="qc:msg('results.pending_prizes_notice', $c/@pending-prizes)"/></xsl:if>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="qc:msg('results.confirm.no_ties')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </dl>
      <xsl:if test="$c/@action = 'cong-bo' and ($c/@pending &gt; 0 or $c/@pending-prizes &gt; 0)">
        <p class="notice warning" role="alert"><xsl:value-of select="qc:msg('results.confirm.ties_warning')"/></p>
      </xsl:if>
      <form method="post" action="{$base}/ket-qua/cong-bo" class="publish-confirm">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="vong" value="{$c/@round}"/>
        <input type="hidden" name="hanh-dong" value="{$c/@action}"/>
        <input type="hidden" name="confirm" value="1"/>
        <button type="submit">
          <xsl:attribute name="class">
            <xsl:choose>
              <xsl:when test="$c/@action = 'thu-hoi'">button danger</xsl:when>
              <xsl:otherwise>button primary</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="qc:msg(concat('results.confirm.button.', $c/@action))"/>
        </button>
        <xsl:text> </xsl:text>
        <a class="cancel" href="{$base}/ket-qua?vong={$c/@round}"><xsl:value-of select="qc:msg('results.confirm.cancel')"/></a>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
