using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Dom.Events;
using AngleSharp.Html.Parser;
using Xunit;

namespace FaceMask.Tests.Reporting.Html;

/// <summary>Parses a page with AngleSharp's HTML5 parser and checks it: no parse errors, unique ids, nothing external.</summary>
internal static class HtmlChecks
{
    private static readonly string[] UrlAttributes = ["src", "href", "srcset", "action", "formaction", "data", "poster", "background", "cite", "xlink:href", "manifest", "ping"];
    private static readonly string[] ForbiddenElements = ["script", "link", "iframe", "frame", "object", "embed", "base", "audio", "video", "source", "track", "applet"];

    /// <summary>Parses <paramref name="html"/>, failing the test on any HTML5 parse error.</summary>
    public static IHtmlDocument ParseValid(string html)
    {
        var (document, errors) = Parse(html);
        Assert.True(errors.Count == 0, "HTML5 parse errors:\n" + string.Join('\n', errors.Take(20)));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal("html", document.Doctype?.Name);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(document.QuerySelector("head > meta[charset='utf-8']"));
        Assert.NotNull(document.QuerySelector("head > meta[name='viewport']"));
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
        var ids = document.All.Select(e => e.Id).Where(id => !string.IsNullOrEmpty(id)).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var anchor in document.QuerySelectorAll("a[href^='#']"))
        {
            Assert.NotNull(document.GetElementById(anchor.GetAttribute("href")![1..]));
        }

        return document;
    }

    /// <summary>Parses <paramref name="html"/> and returns the document with every HTML5 parse error reported.</summary>
    public static (IHtmlDocument Document, IReadOnlyList<string> Errors) Parse(string html)
    {
        var errors = new List<string>();
        var parser = new HtmlParser();
        parser.Error += (_, e) =>
        {
            var error = (HtmlErrorEvent)e;
            errors.Add($"{error.Message} at line {error.Position.Line}, column {error.Position.Column}");
        };
        return (parser.ParseDocument(html), errors);
    }

    /// <summary>Fails when the page refers to anything outside itself: only data: URIs and #fragments are allowed.</summary>
    public static void AssertSelfContained(IHtmlDocument document, string html)
    {
        foreach (var element in document.All)
        {
            Assert.DoesNotContain(element.LocalName, ForbiddenElements);
            foreach (var attribute in element.Attributes)
            {
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                {
                    string value = attribute.Value.Trim();
                    Assert.True(value.StartsWith("data:", StringComparison.Ordinal) || value.StartsWith('#'),
                        $"<{element.LocalName} {attribute.Name}=\"{Shorten(value)}\"> refers outside the page");
                }

                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} on <{element.LocalName}>");
                if (attribute.Name == "style")
                {
                    Assert.DoesNotContain("url(", attribute.Value, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        foreach (var style in document.QuerySelectorAll("style"))
        {
            Assert.DoesNotContain("url(", style.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", style.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@font-face", style.TextContent, StringComparison.OrdinalIgnoreCase);
        }

        foreach (string scheme in new[] { "http://", "https://", "src=\"//", "href=\"//", "file://" })
        {
            Assert.DoesNotContain(scheme, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The ids of the page's top-level sections, in order.</summary>
    public static string[] SectionIds(IHtmlDocument document) =>
        document.QuerySelectorAll("main > section[id]").Select(s => s.Id!).ToArray();

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
