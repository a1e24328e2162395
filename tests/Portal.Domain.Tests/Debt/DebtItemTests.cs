using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Debt;

public sealed class DebtItemTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private static DebtItem Item() =>
        new("Retries without backoff in checkout", ScalingSignal.CascadingFailures, DebtKind.Code, DebtQuadrant.DeliberatePrudent, 3, 4, 5, "ada", Now);

    [Fact]
    public void Constructor_ZeroEffort_NamesEffort() =>
        Assert.Equal("effortDays", Assert.Throws<DomainValidationException>(() =>
            new DebtItem("x", ScalingSignal.DataModel, DebtKind.Code, DebtQuadrant.InadvertentPrudent, 1, 1, 0, "ada", Now)).Field);

    [Fact]
    public void Constructor_BlankTitle_NamesTitle() =>
        Assert.Equal("title", Assert.Throws<DomainValidationException>(() =>
            new DebtItem("  ", ScalingSignal.DataModel, DebtKind.Code, DebtQuadrant.InadvertentPrudent, 1, 1, 1, "ada", Now)).Field);

    [Fact]
    public void SetStatus_PlannedWithoutQuarter_AsksForTheQuarter()
    {
        var item = Item();
        Assert.Equal("targetQuarter", Assert.Throws<DomainValidationException>(() => item.SetStatus(DebtStatus.Planned, null, null, Today, Now)).Field);
        item.SetTargetQuarter(new Quarter(2027, 1), Now);
        item.SetStatus(DebtStatus.Planned, null, null, Today, Now);
        Assert.Equal(DebtStatus.Planned, item.Status);
        Assert.Equal("2027-Q1", item.TargetQuarter);
    }

    [Fact]
    public void SetStatus_WontFixWithoutReasonOrFutureDate_IsRefused()
    {
        var item = Item();
        Assert.Equal("wontFixReason", Assert.Throws<DomainValidationException>(() => item.SetStatus(DebtStatus.WontFix, " ", Today.AddDays(30), Today, Now)).Field);
        Assert.Equal("revisitOn", Assert.Throws<DomainValidationException>(() => item.SetStatus(DebtStatus.WontFix, "Sunset in Q2", null, Today, Now)).Field);
        Assert.Equal("revisitOn", Assert.Throws<DomainValidationException>(() => item.SetStatus(DebtStatus.WontFix, "Sunset in Q2", Today, Today, Now)).Field);
        Assert.Equal(DebtStatus.Proposed, item.Status);
    }

    [Fact]
    public void SetStatus_DoneThenReopened_RecordsAndForgetsWhenItWasDone()
    {
        var item = Item();
        item.SetStatus(DebtStatus.Done, null, null, Today, Now);
        Assert.Equal(Now, item.DoneAt);
        Assert.False(item.IsOpen);

        item.SetStatus(DebtStatus.Accepted, null, null, Today, Now.AddDays(1));
        Assert.Null(item.DoneAt);
        Assert.True(item.IsOpen);
    }

    [Fact]
    public void SetStatus_LeavingWontFix_ClearsTheReason()
    {
        var item = Item();
        item.SetStatus(DebtStatus.WontFix, "Replaced next year", Today.AddDays(90), Today, Now);
        item.SetStatus(DebtStatus.Accepted, null, null, Today, Now);
        Assert.Null(item.WontFixReason);
        Assert.Null(item.RevisitOn);
    }

    [Fact]
    public void SetTargetQuarter_ClearingWhilePlanned_IsRefused()
    {
        var item = Item();
        item.SetTargetQuarter(new Quarter(2027, 1), Now);
        item.SetStatus(DebtStatus.Planned, null, null, Today, Now);
        Assert.Equal("targetQuarter", Assert.Throws<DomainValidationException>(() => item.SetTargetQuarter(null, Now)).Field);
    }

    [Fact]
    public void SetLinks_NotAUrl_NamesLinks() =>
        Assert.Equal("links", Assert.Throws<DomainValidationException>(() =>
            Item().SetLinks([new DebtLink(DebtLinkKind.Incident, "javascript:alert(1)")], Now)).Field);

    [Fact]
    public void SetLinks_PortalPath_IsAccepted()
    {
        var item = Item();
        item.SetLinks([new DebtLink(DebtLinkKind.GraphFinding, "/graph/analysis#cycles", " Cycle ")], Now);
        Assert.Equal("Cycle", item.Links.Single().Title);
    }

    [Fact]
    public void OverrideInterest_Negative_NamesInterest() =>
        Assert.Equal("interestOverride", Assert.Throws<DomainValidationException>(() => Item().OverrideInterest(-1, Now)).Field);

    [Fact]
    public void DebtReport_FutureDate_NamesOccurredOn() =>
        Assert.Equal("occurredOn", Assert.Throws<DomainValidationException>(() =>
            new DebtReport(Guid.NewGuid(), Today.AddDays(1), 2, "flaky deploy", null, "ada", "Ada", Today, Now)).Field);

    [Fact]
    public void DebtReport_NoHoursAndNoIncident_NamesHours() =>
        Assert.Equal("hours", Assert.Throws<DomainValidationException>(() =>
            new DebtReport(Guid.NewGuid(), Today, 0, "felt slow", null, "ada", "Ada", Today, Now)).Field);

    [Theory]
    [InlineData("https://github.com/acme/payments/issues/12", true)]
    [InlineData("http://wiki.example/debt", true)]
    [InlineData("/graph/analysis?kind=cycle", true)]
    [InlineData("/services/payments", true)]
    [InlineData("/\\evil.example", false)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/graph//evil.example", false)]
    [InlineData("/graph/\\evil", false)]
    [InlineData("/login?next=x", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https:/\\evil.example", false)]
    [InlineData("ftp://files.example/x", false)]
    public void DebtLinkValidated_Url_AcceptsOnlyHttpOrKnownPortalPaths(string url, bool ok)
    {
        var link = new DebtLink(DebtLinkKind.Other, url);
        if (ok)
        {
            Assert.Equal(url, link.Validated().Url);
        }
        else
        {
            Assert.Equal("links", Assert.Throws<DomainValidationException>(() => link.Validated()).Field);
        }
    }

    [Theory]
    [InlineData(DebtStatus.Proposed, DebtStatus.Done, false)]
    [InlineData(DebtStatus.Proposed, DebtStatus.Planned, true)]
    [InlineData(DebtStatus.InProgress, DebtStatus.Done, true)]
    [InlineData(DebtStatus.Done, DebtStatus.Proposed, false)]
    [InlineData(DebtStatus.Done, DebtStatus.InProgress, true)]
    [InlineData(DebtStatus.WontFix, DebtStatus.Accepted, true)]
    [InlineData(DebtStatus.WontFix, DebtStatus.Done, false)]
    public void DebtWorkflowCanMove_FollowsTheIssuesWorkflow(DebtStatus from, DebtStatus to, bool allowed) =>
        Assert.Equal(allowed, DebtWorkflow.CanMove(from, to));
}
