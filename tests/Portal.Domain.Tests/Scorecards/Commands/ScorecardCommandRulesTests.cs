using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Domain.Scorecards.Commands;

namespace Portal.Domain.Tests.Scorecards.Commands;

/// <summary>Who may write what on a scorecard: four eyes on exemptions, pushed results, answers that must not overwrite unseen.</summary>
public abstract class ScorecardCommandRulesTests(TestProvider provider) : ScorecardDatabaseTest(provider)
{
    private static Actor Admin(string name) => new(name, name, PortalRole.Admin, new HashSet<Guid>());

    [Fact]
    public async Task DecideExemption_AdminApprovesOwnRequest_RefusedAndAudited()
    {
        var admin = Admin("root.one");
        var request = await Commands.RequestExemptionAsync(admin, "payments", "no-foreign-writers", "Moves behind an API in Q1.", Today.AddDays(30), Ct);

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(admin, request.Id, true, null, request.Version, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(admin, request.Id, false, "No.", request.Version, Ct));

        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "scorecards.exemption.approve.denied" && !a.Succeeded, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "scorecards.exemption.reject.denied" && !a.Succeeded, Ct));
        Assert.Equal(CriterionStatus.Fail, Result(await CardAsync("payments"), "no-foreign-writers").Status);
    }

    [Fact]
    public async Task DecideExemption_RequestedBeforeTheAccountWasLinked_RequesterStillMayNotDecideIt()
    {
        // An OpenID Connect admin asks while unlinked (oidc:<subject>), is then linked to a person: the same account.
        var request = await Commands.RequestExemptionAsync(Admin("oidc:sub-7"), "payments", "no-foreign-writers", "Moves behind an API in Q1.", Today.AddDays(30), Ct);
        var linked = Admin("root.one") with { OtherNames = new HashSet<string> { "OIDC:sub-7" } };

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(linked, request.Id, true, null, request.Version, Ct));

        var approved = await Commands.DecideExemptionAsync(Admin("root.two"), request.Id, true, null, request.Version, Ct);
        Assert.True(approved.Active);
    }

    [Fact]
    public async Task DecideExemption_AccountUnlinkedAfterAsking_OldAccountMayNotDecideIt()
    {
        // Account sub-7 is linked to root.one and asks as root.one; an admin then unlinks it, so it acts as oidc:sub-7 alone.
        var linked = Admin("root.one") with { OtherNames = new HashSet<string> { "oidc:sub-7" } };
        var request = await Commands.RequestExemptionAsync(linked, "payments", "no-foreign-writers", "Moves behind an API in Q1.", Today.AddDays(30), Ct);

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(Admin("OIDC:sub-7"), request.Id, true, null, request.Version, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(Admin("oidc:sub-7"), request.Id, false, "No.", request.Version, Ct));

        await using (var db = Db.CreateContext())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => (a.Action == "scorecards.exemption.approve.denied" || a.Action == "scorecards.exemption.reject.denied") && !a.Succeeded, Ct));
        }

        var approved = await Commands.DecideExemptionAsync(Admin("root.two"), request.Id, true, null, request.Version, Ct);
        Assert.True(approved.Active);
    }

    [Fact]
    public async Task DecideExemption_TokenOfTheRequestersCreator_RefusedEitherWay()
    {
        Actor Token(string name, string creator) => Admin("token:" + name) with { AnswersFor = new HashSet<string> { creator } };
        var byToken = await Commands.RequestExemptionAsync(Token("a", "root.one"), "payments", "no-foreign-writers", "Moves behind an API in Q1.", Today.AddDays(30), Ct);
        var inPerson = await Commands.RequestExemptionAsync(Admin("root.one"), "disputes", "no-foreign-writers", "Until the rewrite.", Today.AddDays(30), Ct);

        // Another token of the same creator, the creator in person, and the creator's token on a request made in person.
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(Token("b", "root.one"), byToken.Id, true, null, byToken.Version, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(Admin("root.one"), byToken.Id, true, null, byToken.Version, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(Token("b", "root.one"), inPerson.Id, true, null, inPerson.Version, Ct));

        Assert.True((await Commands.DecideExemptionAsync(Token("c", "root.two"), byToken.Id, true, null, byToken.Version, Ct)).Active);
    }

    [Fact]
    public async Task DecideExemption_RequestFromBeforeOtherNamesWereKept_AccountNotLinkedToday_MayDecide()
    {
        var linked = Admin("root.one") with { OtherNames = new HashSet<string> { "oidc:sub-7" } };
        var request = await Commands.RequestExemptionAsync(linked, "payments", "no-foreign-writers", "Moves behind an API in Q1.", Today.AddDays(30), Ct);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(["oidc:sub-7"], (await db.ScorecardExemptions.SingleAsync(e => e.Id == request.Id, Ct)).RequestedByAlso);
            await db.ScorecardExemptions.Where(e => e.Id == request.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.RequestedByAlso, (List<string>?)null), Ct);
        }

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.DecideExemptionAsync(Admin("root.one"), request.Id, true, null, request.Version, Ct));
        var approved = await Commands.DecideExemptionAsync(Admin("oidc:sub-7"), request.Id, true, null, request.Version, Ct);
        Assert.True(approved.Active);
    }

    [Fact]
    public async Task DecideExemption_AnotherAdmin_Approves()
    {
        var request = await Commands.RequestExemptionAsync(Admin("root.one"), "payments", "no-foreign-writers", "Moves behind an API in Q1.", Today.AddDays(30), Ct);

        var approved = await Commands.DecideExemptionAsync(Admin("root.two"), request.Id, true, null, request.Version, Ct);

        Assert.True(approved.Active);
        Assert.Equal("root.one", approved.RequestedByLogin);
        Assert.Equal(CriterionStatus.Exempt, Result(await CardAsync("payments"), "no-foreign-writers").Status);
    }

    [Fact]
    public async Task RequestExemption_EditorBeyondAYear_RefusedNamingEndsOn()
    {
        var yusuf = await PersonAsync("yusuf.demir");

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Commands.RequestExemptionAsync(yusuf, "disputes", "no-foreign-writers", "Forever, in effect.", new DateOnly(9999, 12, 31), Ct));

        Assert.Equal("endsOn", ex.Field);
        var withinAYear = await Commands.RequestExemptionAsync(yusuf, "disputes", "no-foreign-writers", "One year.", Today.AddDays(365), Ct);
        Assert.Equal(Today.AddDays(365), withinAYear.EndsOn);
    }

    [Fact]
    public async Task RequestExemption_AdminBeyondAYear_Accepted()
    {
        var request = await Commands.RequestExemptionAsync(Admin("root.one"), "disputes", "no-foreign-writers", "Until the rewrite.", Today.AddYears(3), Ct);

        Assert.Equal(Today.AddYears(3), request.EndsOn);
    }

    [Fact]
    public async Task PushResult_EditorOfAnotherTeam_RefusedAndAudited()
    {
        await AddExternalCriterionAsync();
        var nikhil = await PersonAsync("nikhil.batra");

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.PushResultAsync(nikhil, "payments", ExternalKey, CriterionStatus.Pass, "scan 42: clean", Ct));

        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "scorecards.result.push.denied" && !a.Succeeded, Ct));
        Assert.False(await db.ScorecardPushedResults.AnyAsync(Ct));
    }

    [Fact]
    public async Task PushResult_EditorTokenWithoutTeams_Refused()
    {
        await AddExternalCriterionAsync();
        var token = new Actor("token:ci", "ci", PortalRole.Editor, new HashSet<Guid>());

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.PushResultAsync(token, "payments", ExternalKey, CriterionStatus.Pass, "scan 42: clean", Ct));
    }

    [Fact]
    public async Task PushResult_EditorOfOwnerTeam_CountsOnTheScorecard()
    {
        await AddExternalCriterionAsync();
        var ada = await PersonAsync("ada.okafor");
        Assert.Equal(CriterionStatus.Unknown, Result(await CardAsync("payments"), ExternalKey).Status);

        await Commands.PushResultAsync(ada, "payments", ExternalKey, CriterionStatus.Fail, "scan 42: 2 critical findings", Ct);

        var result = Result(await CardAsync("payments"), ExternalKey);
        Assert.Equal(CriterionStatus.Fail, result.Status);
        Assert.Contains("2 critical findings", result.Evidence);
    }

    [Fact]
    public async Task PushResults_OneBadEntry_SavesNothingAndNamesIt()
    {
        await AddExternalCriterionAsync();
        var ada = await PersonAsync("ada.okafor");

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands.PushResultsAsync(ada,
        [
            new PushedResultInput("payments", ExternalKey, CriterionStatus.Pass, "scan 42: clean"),
            new PushedResultInput("no-such-service", ExternalKey, CriterionStatus.Pass, "scan 43: clean"),
        ], Ct));

        Assert.Equal("results[1].service", ex.Field);
        await using var db = Db.CreateContext();
        Assert.False(await db.ScorecardPushedResults.AnyAsync(Ct));
    }

    [Fact]
    public async Task PushResults_MissingEvidence_NamesTheEntry()
    {
        await AddExternalCriterionAsync();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands.PushResultsAsync(Actor.System,
            [new PushedResultInput("payments", ExternalKey, CriterionStatus.Pass, "ok"), new PushedResultInput("ledger", ExternalKey, CriterionStatus.Fail, " ")], Ct));

        Assert.Equal("results[1].evidence", ex.Field);
    }

    [Fact]
    public async Task PushResults_TwoFirstPushesAtOnce_BothSucceedOneRowRemains()
    {
        await AddExternalCriterionAsync();

        await Task.WhenAll(
            Task.Run(() => Commands.PushResultsAsync(Actor.System, [new PushedResultInput("payments", ExternalKey, CriterionStatus.Pass, "scan 1")], Ct), Ct),
            Task.Run(() => Commands.PushResultsAsync(Actor.System, [new PushedResultInput("payments", ExternalKey, CriterionStatus.Fail, "scan 2")], Ct), Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.ScorecardPushedResults.CountAsync(Ct));
    }

    [Fact]
    public async Task Answer_FirstAnswerWhenOneExists_ConflictInsteadOfOverwrite()
    {
        var ada = await PersonAsync("ada.okafor");
        var tomas = await PersonAsync("tomas.reyes");
        await Commands.AnswerAsync(ada, "payments", "contention-measured", 3, "Lock waits on the dashboard.", null, ct: Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Commands.AnswerAsync(tomas, "payments", "contention-measured", 1, "Not measured.", null, null, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(3, (await db.ScorecardAnswers.SingleAsync(a => a.CriterionKey == "contention-measured", Ct)).Maturity);
    }

    [Fact]
    public async Task Answer_TwoFirstAnswersAtOnce_OneWinsOneConflicts()
    {
        var ada = await PersonAsync("ada.okafor");
        var tomas = await PersonAsync("tomas.reyes");

        var results = await Task.WhenAll(
            Capture(() => Commands.AnswerAsync(ada, "payments", "contention-measured", 3, "Measured.", null, null, Ct)),
            Capture(() => Commands.AnswerAsync(tomas, "payments", "contention-measured", 1, "Not measured.", null, null, Ct)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is ConcurrencyConflictException);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.ScorecardAnswers.CountAsync(a => a.CriterionKey == "contention-measured", Ct));
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try
        {
            await Task.Run(action);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

public sealed class SqliteScorecardCommandRulesTests() : ScorecardCommandRulesTests(TestProvider.Sqlite);

public sealed class PostgresScorecardCommandRulesTests() : ScorecardCommandRulesTests(TestProvider.Postgres);
