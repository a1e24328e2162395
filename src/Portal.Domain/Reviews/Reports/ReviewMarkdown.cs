using System.Globalization;
using System.Text;
using Portal.Domain.Common;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Reports;

/// <summary>
/// A review as a Markdown document: summary, levels per signal (the radar as a table), per-team results, top risks
/// from the debt register, findings, decisions and action items, the initiatives' progress, and what changed since the previous review. Pure:
/// the same content always gives the same text. Recorded text is Markdown already and goes in as written; names
/// in tables are escaped.
/// </summary>
public static class ReviewMarkdown
{
    /// <summary>Teams listed in full; the rest are counted.</summary>
    public const int MaxTeams = 200;

    /// <summary>Services listed under "what changed"; the rest are counted.</summary>
    public const int MaxServiceChanges = 50;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="content">What the review looked at (frozen or live).</param>
    /// <param name="live">True when the review is still open and the numbers are today's.</param>
    /// <param name="changes">The comparison with the previous closed review, when there is one.</param>
    public static string Write(SnapshotContent content, bool live, ComparisonResult? changes)
    {
        ArgumentNullException.ThrowIfNull(content);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Text(content.Title)).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Quarter: **{content.Quarter}**{(content.Revision > 1 ? $" (revision {content.Revision})" : "")}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Scope: {Text(content.Scope.Describe())}");
        md.AppendLine(live
            ? $"- Status: open — numbers as of {Utc(content.TakenAt)}; they will be frozen when the review closes"
            : $"- Closed {Utc(content.TakenAt)} by {Text(content.ClosedBy)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Framework version {content.Framework.Version}, {Counted.Of(content.Framework.Criteria.Count, "criterion", "criteria")}").AppendLine();

        Summary(md, content, changes);
        Signals(md, content.Organisation);
        Teams(md, content.Teams);
        Debt(md, content.Debt);
        Graph(md, content.Graph);
        Notes(md, content.Notes);
        Items(md, "Action items", content.ActionItems);
        if (content.PreviousQuarter is { } previous)
        {
            Items(md, $"Action items from {previous}", content.PreviousActionItems);
        }

        Initiatives(md, content.Initiatives ?? [], live);

        if (changes is not null)
        {
            Changes(md, changes);
        }

        return md.ToString();
    }

    /// <summary>A level's name as people say it.</summary>
    public static string Level(ScoreLevel level) => level == ScoreLevel.None ? "None" : level.ToString();

    private static void Summary(StringBuilder md, SnapshotContent c, ComparisonResult? changes)
    {
        md.AppendLine("## Summary").AppendLine();
        var o = c.Organisation.OverallDistribution;
        md.AppendLine(Inv, $"- {Counted.Of(c.Organisation.Services, "service", "services")}: {o.Gold} Gold, {o.Silver} Silver, {o.Bronze} Bronze, {o.None} below Bronze (overall level: the lowest signal).");
        var weakest = ScalingSignals.All.OrderBy(s => c.Organisation.Signal(s).AtLeast(ScoreLevel.Bronze)).Take(3).Select(ScalingSignals.Title);
        md.AppendLine(Inv, $"- Weakest signals (fewest services at Bronze or above): {string.Join(", ", weakest)}.");
        var r = c.Readiness;
        md.AppendLine(Inv, $"- Self-assessment: {r.Current} of {r.Expected} answers current ({Percent(r.Progress)}); {r.Unanswered} never answered, {r.Expired} expired, {r.Flagged} flagged by evidence; {Counted.Of(r.ServicesWithoutAssessment, "service", "services")} without any current answer.");
        md.AppendLine(Inv, $"- Exemptions in force: {r.ExemptionsActive} ({r.ExemptionsEndingThisQuarter} ending this quarter).");
        md.AppendLine(Inv, $"- Open debt touching the scope: {Counted.Of(c.Debt.OpenItems, "item", "items")}, {Hours(c.Debt.CostOfDelay)} cost of delay per quarter.");
        md.AppendLine(Inv, $"- Graph findings: {Counted.Of(c.Graph.Cycles, "cycle", "cycles")}, {Counted.Of(c.Graph.SyncChains, "long synchronous chain", "long synchronous chains")}, {Counted.Of(c.Graph.SharedDatabases, "shared database", "shared databases")}.");
        md.AppendLine(Inv, $"- {Counted.Of(c.Notes.Count(n => n.Kind == ReviewNoteKind.Decision), "decision", "decisions")}, {Counted.Of(c.Notes.Count(n => n.Kind == ReviewNoteKind.Finding), "finding", "findings")}, {Counted.Of(c.ActionItems.Count, "action item", "action items")}.");
        if (changes is not null)
        {
            var t = changes.Totals;
            md.AppendLine(Inv, $"- Since {changes.From}: {Counted.Of(t.Improved, "service", "services")} improved, {t.Regressed} regressed, {t.Mixed} moved both ways; {Counted.Of(t.NewGaps, "new gap", "new gaps")}, {t.ClosedGaps} closed; action items {t.ActionsDone} done, {t.ActionsMissed} missed, {t.ActionsOpen} open, {t.ActionsDropped} dropped.");
        }

        md.AppendLine();
    }

    private static void Signals(StringBuilder md, SnapshotRollup rollup)
    {
        md.AppendLine("## Levels per signal").AppendLine();
        md.AppendLine("Services per level on each signal (the radar, as numbers).").AppendLine();
        md.AppendLine("| Signal | None | Bronze | Silver | Gold | Bronze or above |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in ScalingSignals.All)
        {
            var d = rollup.Signal(s);
            md.AppendLine(Inv, $"| {ScalingSignals.Title(s)} | {d.None} | {d.Bronze} | {d.Silver} | {d.Gold} | {Percent(Share(d.AtLeast(ScoreLevel.Bronze), rollup.Services))} |");
        }

        md.AppendLine();
    }

    private static void Teams(StringBuilder md, IReadOnlyList<SnapshotTeam> teams)
    {
        md.AppendLine("## Per team").AppendLine();
        if (teams.Count == 0)
        {
            md.AppendLine("No team owns a service in scope.").AppendLine();
            return;
        }

        md.AppendLine("Overall levels of each team's services, the share at Bronze or above per signal, and open debt.").AppendLine();
        md.Append("| Team | Services | Gold | Silver | Bronze | None |");
        foreach (var s in ScalingSignals.All)
        {
            md.Append(' ').Append(Cell(ScalingSignals.Title(s))).Append(" |");
        }

        md.AppendLine(" Debt items | Cost of delay |");
        md.Append("| --- | ---: | ---: | ---: | ---: | ---: |");
        md.Append(string.Concat(Enumerable.Repeat(" ---: |", ScalingSignals.All.Count)));
        md.AppendLine(" ---: | ---: |");
        foreach (var t in teams.Take(MaxTeams))
        {
            var o = t.Levels.OverallDistribution;
            md.Append(Inv, $"| {Cell(t.Name)} | {t.Levels.Services} | {o.Gold} | {o.Silver} | {o.Bronze} | {o.None} |");
            foreach (var s in ScalingSignals.All)
            {
                md.Append(' ').Append(Percent(Share(t.Levels.Signal(s).AtLeast(ScoreLevel.Bronze), t.Levels.Services))).Append(" |");
            }

            md.AppendLine(Inv, $" {t.DebtItems} | {Hours(t.DebtCostOfDelay)} |");
        }

        if (teams.Count > MaxTeams)
        {
            md.AppendLine().AppendLine(Inv, $"…and {Counted.Of(teams.Count - MaxTeams, "more team", "more teams")}.");
        }

        md.AppendLine();
    }

    private static void Debt(StringBuilder md, SnapshotDebt debt)
    {
        md.AppendLine("## Top risks from the debt register").AppendLine();
        if (debt.Top.Count == 0)
        {
            md.AppendLine("No open debt touches the scope.").AppendLine();
            return;
        }

        md.AppendLine("| Debt item | Signal | Team | Cost of delay (h/quarter) | Priority (h per engineer-day) | Services |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | --- |");
        foreach (var d in debt.Top.Take(10))
        {
            md.AppendLine(Inv, $"| {Cell(d.Title)} | {ScalingSignals.Title(d.Signal)} | {Cell(d.Team ?? "—")} | {d.CostOfDelay:0} | {d.Priority:0.0} | {Cell(string.Join(", ", d.Services.Take(5)))}{(d.Services.Count > 5 ? " …" : "")} |");
        }

        md.AppendLine();
    }

    private static void Graph(StringBuilder md, SnapshotGraph graph)
    {
        if (graph.Findings.Count == 0)
        {
            return;
        }

        md.AppendLine("## Dependency-graph findings").AppendLine();
        foreach (var f in graph.Findings.Take(15))
        {
            md.AppendLine(Inv, $"- **{f.Kind}**: {Text(f.Summary)} — {Text(f.Remedy)}");
        }

        md.AppendLine();
    }

    private static void Notes(StringBuilder md, IReadOnlyList<SnapshotNote> notes)
    {
        foreach (var (kind, heading) in new[] { (ReviewNoteKind.Decision, "Decisions"), (ReviewNoteKind.Finding, "Findings") })
        {
            md.AppendLine(Inv, $"## {heading}").AppendLine();
            var of = notes.Where(n => n.Kind == kind).ToList();
            if (of.Count == 0)
            {
                md.AppendLine(Inv, $"No {heading.ToLowerInvariant()} recorded.").AppendLine();
                continue;
            }

            foreach (var n in of)
            {
                var about = string.Join(", ", new[] { n.Signal is { } s ? ScalingSignals.Title(s) : null, n.Team }.Where(x => x is not null));
                md.AppendLine(Inv, $"### {(about.Length > 0 ? Text(about) : "General")} — {Text(n.By)}, {n.At.ToString("yyyy-MM-dd", Inv)}").AppendLine();
                md.AppendLine(NoHtml(n.Text.Trim())).AppendLine();
            }
        }
    }

    private static void Items(StringBuilder md, string heading, IReadOnlyList<SnapshotActionItem> items)
    {
        md.AppendLine(Inv, $"## {heading}").AppendLine();
        if (items.Count == 0)
        {
            md.AppendLine("None.").AppendLine();
            return;
        }

        md.AppendLine("| Action | Owner | Due | Target | Status |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var a in items)
        {
            md.AppendLine(Inv, $"| {Cell(a.Title)} | {Cell(a.Team)} | {a.DueOn.ToString("yyyy-MM-dd", Inv)} | {Cell(Target(a))} | {Cell(Status(a))} |");
        }

        md.AppendLine();
    }

    private static void Initiatives(StringBuilder md, IReadOnlyList<SnapshotInitiative> initiatives, bool live)
    {
        md.AppendLine("## Initiatives").AppendLine();
        if (initiatives.Count == 0)
        {
            md.AppendLine(live ? "No active initiative touches the scope." : "No active initiative touched the scope when the review closed.").AppendLine();
            return;
        }

        md.AppendLine(live ? "Active initiatives touching the scope, with today's progress." : "Active initiatives touching the scope, with their progress when the review closed.").AppendLine();
        md.AppendLine("| Initiative | Target | Owner | Due | Progress |");
        md.AppendLine("| --- | --- | --- | --- | ---: |");
        foreach (var i in initiatives)
        {
            var share = i.Total == 0 ? "" : $" ({Percent((double)i.Met / i.Total)})";
            md.AppendLine(Inv, $"| {Cell(i.Title)} | {ScalingSignals.Title(i.Signal)} at {Level(i.TargetLevel)} | {Cell(i.OwnerTeam)} | {i.DueOn.ToString("yyyy-MM-dd", Inv)} | {i.Met} of {i.Total} met{share} |");
        }

        md.AppendLine();
    }

    private static void Changes(StringBuilder md, ComparisonResult c)
    {
        md.AppendLine(Inv, $"## What changed since {c.From}").AppendLine();
        if (c.FrameworkChanged)
        {
            md.AppendLine("The framework changed between the two reviews: some gaps opened or closed because criteria were added or retired.").AppendLine();
        }

        md.AppendLine(Inv, $"| Signal | Bronze or above, {c.From} | Bronze or above, {c.To} | Improved | Regressed | New gaps | Closed gaps |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in c.Signals)
        {
            md.AppendLine(Inv, $"| {ScalingSignals.Title(s.Signal)} | {s.Before.AtLeast(ScoreLevel.Bronze)} | {s.After.AtLeast(ScoreLevel.Bronze)} | {s.Improved} | {s.Regressed} | {s.NewGaps} | {s.ClosedGaps} |");
        }

        md.AppendLine();
        var moved = c.Services.Where(s => s.Direction != ChangeDirection.Same || s.NewGaps.Count > 0).ToList();
        if (moved.Count > 0)
        {
            md.AppendLine("| Service | Team | Change | Overall | New gaps |");
            md.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var s in moved.Take(MaxServiceChanges))
            {
                var overall = $"{(s.OverallBefore is { } b ? Level(b) : "—")} → {(s.OverallAfter is { } a ? Level(a) : "—")}";
                md.AppendLine(Inv, $"| {Cell(s.DisplayName)} | {Cell(s.TeamName ?? "—")} | {s.Direction} | {overall} | {Cell(string.Join(", ", s.NewGaps.Select(g => g.Title)))} |");
            }

            if (moved.Count > MaxServiceChanges)
            {
                md.AppendLine().AppendLine(Inv, $"…and {Counted.Of(moved.Count - MaxServiceChanges, "more service", "more services")} changed.");
            }

            md.AppendLine();
        }
    }

    private static string Target(SnapshotActionItem a) =>
        a.Signal is { } s && a.TargetLevel is { } l
            ? $"{ScalingSignals.Title(s)} at {Level(l)}{(a.Service is { } one ? $" for {one}" : "")}{(a.TargetMet is { } met ? $" ({met} of {a.TargetServices} met)" : "")}"
            : "—";

    private static string Status(SnapshotActionItem a) => a.Status switch
    {
        ActionItemStatus.Done => $"Done {a.ClosedOn?.ToString("yyyy-MM-dd", Inv)}",
        ActionItemStatus.Dropped => $"Dropped: {a.StatusNote}",
        _ => "Open",
    };

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Percent(double share) => share.ToString("P0", Inv).Replace(" ", "", StringComparison.Ordinal);

    private static string Hours(double hours) => $"{hours.ToString("N0", Inv)} h";

    private static string Utc(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv);

    /// <summary>Text safe inside a table cell: one line, read literally (<see cref="Text"/>), pipes escaped too.</summary>
    private static string Cell(string text) => Text(text);

    /// <summary>
    /// Someone's words (a title, a name, a finding) on one line and read literally wherever the export is rendered:
    /// every character Markdown could read as emphasis, code, a link, an image, raw HTML, a heading or a table border
    /// is backslash-escaped, so a debt item titled <c>![x](https://tracker.example/p.gif)</c> stays that text.
    /// </summary>
    internal static string Text(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        var escaped = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (MarkdownPunctuation.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private const string MarkdownPunctuation = "\\`*_[]<>!|~#&";

    /// <summary>A note stays Markdown, but raw HTML in it is shown as text, as the review page shows it.</summary>
    internal static string NoHtml(string markdown) => markdown.Replace("<", "&lt;", StringComparison.Ordinal);
}
