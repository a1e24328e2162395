using System.ComponentModel.DataAnnotations;
using Portal.Ingest.GitHub;

namespace Portal.Ingest.Tests.GitHub;

public sealed class GitHubOptionsTests
{
    [Fact]
    public void Validate_OrganisationWithoutCredential_NamesTheKeys()
    {
        var errors = Validate(new GitHubOptions { Organizations = ["acme"] });

        Assert.Contains(errors, e => e.Contains("GitHub:Token", StringComparison.Ordinal) && e.Contains("GitHub:AppId", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AppWithoutKey_Refused()
    {
        var errors = Validate(new GitHubOptions { Organizations = ["acme"], AppId = 42 });

        Assert.Contains(errors, e => e.Contains("GitHub:AppPrivateKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0 * * *")]
    [InlineData("every hour")]
    public void Validate_BadCron_NamesTheKey(string cron)
    {
        var errors = Validate(new GitHubOptions { SyncCron = cron });

        Assert.Contains(errors, e => e.Contains("GitHub:SyncCron", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_AreValidAndOff()
    {
        var options = new GitHubOptions();

        Assert.Empty(Validate(options));
        Assert.False(options.Enabled);
    }

    [Theory]
    [InlineData("sandbox-one", new string[0], false, false, true)]
    [InlineData("billing", new string[0], false, true, true)]
    [InlineData("billing", new[] { "experiment" }, false, false, true)]
    [InlineData("billing", new[] { "team-x" }, true, false, false)]
    public void IsExcluded_Filters_Apply(string name, string[] topics, bool archived, bool fork, bool excluded)
    {
        var options = new GitHubOptions { ExcludeRepositories = ["sandbox-*"], ExcludeTopics = ["experiment"], SkipForks = true, SkipArchived = false };

        Assert.Equal(excluded, options.IsExcluded(name, topics, archived, fork));
    }

    [Fact]
    public void Normalize_SingleOrganizationShorthand_JoinsTheList()
    {
        var options = new GitHubOptions { Organization = "acme", Organizations = ["acme-labs"], Token = "t" };

        options.Normalize();
        options.Normalize();

        Assert.Equal(["acme", "acme-labs"], options.Organizations);
        Assert.True(options.Enabled);
    }

    [Fact]
    public void IsExcluded_RequiredTopicMissing_Excluded()
    {
        var options = new GitHubOptions { RequireTopics = ["portal"] };

        Assert.True(options.IsExcluded("billing", ["payments"], false, false));
        Assert.False(options.IsExcluded("billing", ["Portal"], false, false));
    }

    private static List<string> Validate(GitHubOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
