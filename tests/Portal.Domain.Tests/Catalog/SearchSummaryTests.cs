using Portal.Domain.Catalog.Queries;

namespace Portal.Domain.Tests.Catalog;

public sealed class SearchSummaryTests
{
    [Theory]
    [InlineData("Owns the **payment intent** lifecycle.", "Owns the payment intent lifecycle.")]
    [InlineData("Asks `fraud-scoring` for a decision.", "Asks fraud-scoring for a decision.")]
    [InlineData("See [the runbook](https://wiki.example.com/run) first.", "See the runbook first.")]
    [InlineData("## Ledger\nDouble-entry *bookkeeping*.", "Ledger Double-entry bookkeeping.")]
    [InlineData("Writes to payments_db directly.", "Writes to payments_db directly.")]
    public void Summary_MarkdownDescription_IsPlainText(string description, string expected) =>
        Assert.Equal(expected, SearchQueries.Summary(description));

    [Fact]
    public void Summary_NoDescription_IsNull() => Assert.Null(SearchQueries.Summary("  "));
}
