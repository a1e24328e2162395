using Portal.Ingest.GitHub;

namespace Portal.Ingest.Tests.GitHub;

public sealed class CodeOwnersTests
{
    [Fact]
    public void TeamForWholeRepository_LastWholeTreeRuleWins()
    {
        const string file = """
            # Default owners
            *       @acme/platform
            /docs/  @acme/writers
            *       @acme/payments @someone
            """;

        Assert.Equal("payments", CodeOwners.TeamForWholeRepository(file, "acme"));
    }

    [Fact]
    public void TeamForWholeRepository_NoWholeTreeRule_TeamNamedMostOften()
    {
        const string file = """
            /src/api/   @acme/api-team
            /src/web/   @acme/web-team
            /src/api2/  @acme/api-team @jdoe
            """;

        Assert.Equal("api-team", CodeOwners.TeamForWholeRepository(file, "acme"));
    }

    [Fact]
    public void TeamForWholeRepository_OnlyPeopleOrOtherOrganisations_ReturnsNull()
    {
        Assert.Null(CodeOwners.TeamForWholeRepository("* @jdoe @other-org/team\n", "acme"));
    }

    [Fact]
    public void TeamForWholeRepository_CommentsAndTrailingComments_Ignored()
    {
        Assert.Equal("core", CodeOwners.TeamForWholeRepository("# * @acme/old\n* @ACME/Core # the core team\n", "acme"));
    }
}
