using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AsyncBench.Tests.Docs;

/// <summary>
/// Checks the relative links of markdown files as GitHub resolves them: the file or folder a link names must exist inside
/// the repository, and an anchor into a markdown file must be one of its headings' slugs (GitHub's rule) or an explicit
/// <c>&lt;a id&gt;</c>. Links in code spans and fenced blocks are text, not links; web addresses are not followed.
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>Every broken link of <paramref name="files"/>, one line each ("README.md:12: 'docs/x.md': no such file").</summary>
    public static IReadOnlyList<string> Problems(string root, IEnumerable<string> files)
    {
        var problems = new List<string>();
        var anchors = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = Prose(File.ReadAllText(file));
            foreach (Match link in InlineLink().Matches(text))
            {
                var target = link.Groups["target"].Value;
                if (UriScheme().IsMatch(target))
                {
                    continue; // https:, mailto:: not ours to check
                }

                var where = $"{Path.GetRelativePath(root, file)}:{text[..link.Index].Count(c => c == '\n') + 1}: '{target}'";
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var resolved = path.Length == 0 ? file
                    : Path.GetFullPath(path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(file)!, path));
                if (!resolved.StartsWith(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    problems.Add($"{where}: leads out of the repository");
                }
                else if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    problems.Add($"{where}: no such file or folder ({Path.GetRelativePath(root, resolved)})");
                }
                else if (anchor is not null && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && File.Exists(resolved))
                {
                    if (!anchors.TryGetValue(resolved, out var known))
                    {
                        known = Anchors(File.ReadAllText(resolved));
                        anchors[resolved] = known;
                    }

                    if (!known.Contains(anchor))
                    {
                        problems.Add($"{where}: no heading with the anchor '#{anchor}' in {Path.GetRelativePath(root, resolved)}");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>The anchors GitHub gives a markdown file: each heading's slug (repeated ones numbered -1, -2, ...) and each explicit &lt;a id/name&gt;.</summary>
    public static IReadOnlySet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var prose = Prose(markdown);
        foreach (Match heading in Heading().Matches(prose))
        {
            var slug = Slug(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : string.Create(CultureInfo.InvariantCulture, $"{slug}-{count}"));
        }

        foreach (Match explicitAnchor in ExplicitAnchor().Matches(prose))
        {
            anchors.Add(explicitAnchor.Groups["id"].Value);
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's heading slug: the heading's text (a link's text, not its address), lower-cased, every character that is not
    /// a letter, mark, number, connector (_), space or hyphen removed, each space a hyphen.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, m => m.Groups["text"].Value).Trim().ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c == '-' || char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    /// <summary>The text with fenced code blocks and code spans blanked (line breaks kept, so line numbers still count).</summary>
    private static string Prose(string markdown)
    {
        var lines = markdown.Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                lines[i] = string.Empty;
            }
            else if (fenced)
            {
                lines[i] = string.Empty;
            }
            else
            {
                lines[i] = CodeSpan().Replace(lines[i], m => m.Groups["code"].Value.Contains("](", StringComparison.Ordinal) ? string.Empty : m.Value.Replace("`", string.Empty, StringComparison.Ordinal));
            }
        }

        return string.Join('\n', lines);
    }

    // [text](target) or ![alt](target), with an optional "title"; the text may hold one level of brackets.
    [GeneratedRegex(@"!?\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)[ \t]*#*[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+(?:id|name)=""(?<id>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"`(?<code>[^`\n]+)`")]
    private static partial Regex CodeSpan();
}
