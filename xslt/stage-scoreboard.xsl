<?xml version="1.0" encoding="UTF-8"?>
<!-- stage-scoreboard.xsl: the live scoreboard of the on-stage contest, for the hall's screen:
     each team's part scores and total as the judges enter them (stage.js refreshes it from
     ?format=xml every 3 seconds; without JavaScript, reload the page). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="stage/title"/></xsl:template>
  <xsl:template match="page" mode="scripts">
    <script src="{$static}/stage.js" defer="defer"></script>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="qc:msg('stage.board.title', stage/title)"/></h1>
    <p class="board-state" id="board-state" data-final="{qc:msg('stage.board.final')}">
      <xsl:choose>
        <xsl:when test="stage/@closed = '1'"><xsl:value-of select="qc:msg('stage.board.final')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="qc:msg('stage.board.live')"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="data scoreboard" id="scoreboard" data-poll="3000">
        <thead><tr>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.position')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('stage.col.team')"/></th>
          <xsl:for-each select="stage/part">
            <th scope="col"><xsl:value-of select="normalize-space(text()[1])"/></th>
          </xsl:for-each>
          <xsl:if test="stage/@online-weight"><th scope="col"><xsl:value-of select="qc:msg('stage.col.online')"/></th></xsl:if>
          <th scope="col"><xsl:value-of select="qc:msg('stage.col.total')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.prize')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="teams/team">
            <xsl:sort select="@rank-order" data-type="number"/>
            <tr id="team-{@id}">
              <td class="position"><xsl:value-of select="@position"/></td>
              <th scope="row"><xsl:value-of select="name"/></th>
              <xsl:for-each select="score">
                <td data-part="{@part}"><xsl:value-of select="translate(., '.', ',')"/></td>
              </xsl:for-each>
              <xsl:if test="/page/stage/@online-weight"><td class="online"><xsl:value-of select="translate(online, '.', ',')"/></td></xsl:if>
              <td class="total"><strong><xsl:value-of select="translate(@total, '.', ',')"/></strong></td>
              <td class="prize"><xsl:value-of select="@prize"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <noscript><p><xsl:value-of select="qc:msg('stage.board.reload')"/></p></noscript>
  </xsl:template>
</xsl:stylesheet>
