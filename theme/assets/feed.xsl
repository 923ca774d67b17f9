<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS or Atom feed of the portal as a readable page when it is opened in a browser
     (the feeds name this file in an <?xml-stylesheet?> line; feed readers ignore it). It says
     what a feed is, gives the address to paste into a feed reader, and lists the items.
     Strings in both languages, chosen by the feed's own language. No script, nothing fetched
     but the portal's stylesheet. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/rss/channel/language"><xsl:value-of select="/rss/channel/language"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="/atom:feed/@xml:lang"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="vi" select="$lang != 'en'"/>
  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="site" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width,initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/></title>
        <style>
          body { font: 16px/1.7 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
                 max-width: 42em; margin: 0 auto; padding: 1rem; color: #1f1f1f; background: #fff; }
          header { border-bottom: 3px solid #8c1d18; margin-bottom: 1.5rem; }
          h1 { font-size: 1.5em; line-height: 1.35; margin: 0.5em 0; }
          a { color: #8c1d18; }
          .note { background: #f6efe9; border-left: 4px solid #8c1d18; padding: 0.75rem 1rem; }
          .address { display: block; width: 100%; box-sizing: border-box; font: 0.95em ui-monospace, monospace;
                     padding: 0.5rem; margin: 0.5rem 0; border: 1px solid #767676; border-radius: 4px; }
          li { margin: 0 0 1.25rem; }
          .when { color: #545454; font-size: 0.9em; display: block; }
          .summary { margin: 0.25rem 0 0; }
          @media (prefers-color-scheme: dark) {
            body { background: #1e2129; color: #e2e4e9; }
            a { color: #ff9e94; } .note { background: #2e303e; } .when { color: #b8bcc6; }
            .address { background: #14161c; color: #e2e4e9; }
          }
        </style>
      </head>
      <body>
        <header>
          <p><a href="{$site}">
            <xsl:choose>
              <xsl:when test="$vi">← Về trang web</xsl:when>
              <xsl:otherwise>← Back to the website</xsl:otherwise>
            </xsl:choose>
          </a></p>
          <h1><xsl:value-of select="$title"/></h1>
        </header>
        <main>
          <div class="note">
            <xsl:choose>
              <xsl:when test="$vi">
                <p><strong>Đây là một nguồn tin (RSS/Atom).</strong> Để nhận văn bản mới, chép địa
                  chỉ dưới đây và dán vào ứng dụng đọc tin của bạn (Feedly, Inoreader,
                  NetNewsWire, Feeder, Thunderbird…).</p>
              </xsl:when>
              <xsl:otherwise>
                <p><strong>This is a feed (RSS/Atom).</strong> To get new directives, copy the
                  address below and paste it into your feed reader (Feedly, Inoreader,
                  NetNewsWire, Feeder, Thunderbird…).</p>
              </xsl:otherwise>
            </xsl:choose>
            <label for="feed-address">
              <xsl:choose>
                <xsl:when test="$vi">Địa chỉ nguồn tin</xsl:when>
                <xsl:otherwise>Feed address</xsl:otherwise>
              </xsl:choose>
            </label>
            <input id="feed-address" class="address" type="text" readonly="readonly" value="{$self}"/>
          </div>
          <h2>
            <xsl:choose>
              <xsl:when test="$vi">Văn bản mới nhất</xsl:when>
              <xsl:otherwise>Latest directives</xsl:otherwise>
            </xsl:choose>
          </h2>
          <ol>
            <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <a href="{link}"><xsl:value-of select="title"/></a>
      <p class="summary"><xsl:call-template name="text"><xsl:with-param name="html" select="description"/></xsl:call-template></p>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
      <p class="summary"><xsl:call-template name="text"><xsl:with-param name="html" select="atom:summary"/></xsl:call-template></p>
    </li>
  </xsl:template>

  <!-- The text of an item's HTML summary, its tags left out (XSLT 1.0 cannot parse HTML, and
       disable-output-escaping is not honoured by every browser). -->
  <xsl:template name="text">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&lt;')">
        <xsl:value-of select="substring-before($html, '&lt;')"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="text">
          <xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
