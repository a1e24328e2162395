using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Debt;

public sealed class DebtItemMirrorTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ClosedAt = new(2026, 11, 20, 15, 30, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private const string Url = "https://github.com/acme/billing/issues/7";

    [Fact]
    public void MirrorState_Closed_DoneOnTheDayItClosedRememberingTheStatus()
    {
        var item = Mirrored();
        item.SetStatus(DebtStatus.InProgress, null, null, Today, Now);

        Assert.True(item.MirrorState(closed: true, notPlanned: false, ClosedAt, Today, Now));

        Assert.Equal((DebtStatus.Done, ClosedAt, DebtStatus.InProgress), (item.Status, item.DoneAt, item.StatusBeforeClosed));
    }

    [Theory]
    [InlineData("MEMBER", "CONTRIBUTOR", false, "MEMBER")]
    [InlineData("OWNER", "NONE", false, "OWNER")]
    [InlineData(null, "CONTRIBUTOR", false, null)]
    [InlineData("MEMBER", "CONTRIBUTOR", true, "CONTRIBUTOR")]
    [InlineData("NONE", "MEMBER", false, "MEMBER")]
    [InlineData("NONE", "CONTRIBUTOR", false, "CONTRIBUTOR")]
    [InlineData("MEMBER", null, false, "MEMBER")]
    public void RecordAuthor_LaterReadAsOutsider_ATrustedItemStaysTrusted(string? recorded, string? read, bool firstFollow, string? expected)
    {
        var item = Mirrored();
        if (recorded is not null)
        {
            item.RecordAuthor("ada", recorded, firstFollow: true);
        }

        item.RecordAuthor("ada", read, firstFollow);

        Assert.Equal((expected, expected is not null && !Portal.Domain.Debt.MirroredIssue.IsInsider(expected)), (item.GitHubAuthorAssociation, item.OpenedByOutsider));
    }

    [Fact]
    public void MirrorState_ReopenedAfterClose_BackToTheStatusBefore()
    {
        var item = Mirrored();
        item.SetStatus(DebtStatus.InProgress, null, null, Today, Now);
        item.MirrorState(true, false, ClosedAt, Today, Now);

        Assert.True(item.MirrorState(closed: false, notPlanned: false, null, Today, Now));

        Assert.Equal((DebtStatus.InProgress, null, null), (item.Status, item.DoneAt, item.StatusBeforeClosed));
    }

    [Fact]
    public void MirrorState_ReopenedWithoutKnownStatus_Accepted()
    {
        var item = Mirrored();
        item.SetStatus(DebtStatus.Done, null, null, Today, Now);

        item.MirrorState(closed: false, notPlanned: false, null, Today, Now);

        Assert.Equal(DebtStatus.Accepted, item.Status);
    }

    [Fact]
    public void MirrorState_ReopenedWasPlannedButTheQuarterWasCleared_Accepted()
    {
        var item = Mirrored();
        item.SetTargetQuarter(Quarter.Parse("2026-Q4"), Now);
        item.SetStatus(DebtStatus.Planned, null, null, Today, Now);
        item.MirrorState(true, false, ClosedAt, Today, Now);
        item.SetTargetQuarter(null, Now);

        item.MirrorState(closed: false, notPlanned: false, null, Today, Now);

        Assert.Equal(DebtStatus.Accepted, item.Status);
    }

    [Fact]
    public void MirrorState_ClosedAsNotPlanned_WontFixLookedAtAgainLater()
    {
        var item = Mirrored();

        item.MirrorState(closed: true, notPlanned: true, ClosedAt, Today, Now);

        Assert.Equal((DebtStatus.WontFix, DebtItem.NotPlannedReason, DateOnly.FromDateTime(ClosedAt).AddDays(DebtItem.NotPlannedLookAgainDays)), (item.Status, item.WontFixReason, item.RevisitOn));
    }

    [Fact]
    public void MirrorState_SameStateAgain_ChangesNothing()
    {
        var open = Mirrored();
        var closed = Mirrored();
        closed.MirrorState(true, false, ClosedAt, Today, Now);

        Assert.False(open.MirrorState(false, false, null, Today, Now));
        Assert.False(closed.MirrorState(true, false, ClosedAt, Today, Now));
    }

    [Fact]
    public void MirrorText_SameText_ChangesNothingAndOtherLinksStay()
    {
        var item = Mirrored();
        var incident = new DebtLink(DebtLinkKind.Incident, "https://status.example.com/inc/42");
        item.SetLinks([.. item.Links, incident], Now);

        Assert.False(item.MirrorText("Retry storm", "Body", Link(), Now));
        Assert.True(item.MirrorText("Retry storm in invoices", "Body", Link(), Now));
        Assert.Equal([Url, incident.Url], item.Links.Select(l => l.Url));
    }

    [Theory]
    [InlineData("Another title", "Body", DebtStatus.Proposed, true, "title")]
    [InlineData("Retry storm", "Another body", DebtStatus.Proposed, true, "description")]
    [InlineData("Retry storm", "Body", DebtStatus.Done, true, "status")]
    [InlineData("Retry storm", "Body", DebtStatus.WontFix, true, "status")]
    [InlineData("Retry storm", "Body", DebtStatus.Proposed, false, "links")]
    public void SyncOwnedConflict_PersonChangesWhatGitHubOwns_NamesTheField(string title, string body, DebtStatus status, bool keepLink, string field)
    {
        var item = Mirrored();

        var conflict = item.SyncOwnedConflict(title, body, status, keepLink ? [Url] : []);

        Assert.Equal(field, conflict?.Field);
    }

    [Fact]
    public void SyncOwnedConflict_PersonMovesAnOpenItemAlong_Allowed()
    {
        var item = Mirrored();

        Assert.Null(item.SyncOwnedConflict(" Retry storm ", "Body", DebtStatus.InProgress, [Url, "https://example.com/x"]));
    }

    [Fact]
    public void StopMirroring_ItemKeepsStatusAndLinkAndIsPeoplesNow()
    {
        var item = Mirrored();
        item.MirrorState(true, false, ClosedAt, Today, Now);

        Assert.True(item.StopMirroring(Now));

        Assert.Equal((DataSource.Manual, Url, DebtStatus.Done, false), (item.Source, item.ExternalUrl, item.Status, item.IsMirrored));
        Assert.Null(item.SyncOwnedConflict("Another title", null, DebtStatus.Accepted, []));
    }

    private static DebtLink Link() => new(DebtLinkKind.GitHubIssue, Url, "acme/billing#7");

    private static DebtItem Mirrored()
    {
        var item = new DebtItem("Retry storm", ScalingSignal.CascadingFailures, DebtKind.Code, DebtQuadrant.InadvertentPrudent, 3, 3, 3, "github:acme", Now);
        item.StartMirroring(Url, Now);
        item.MirrorText("Retry storm", "Body", Link(), Now);
        return item;
    }
}
