namespace Portal.Domain.Catalog.Queries;

/// <summary>How well a record matches what was typed; lower is better. Pickers and search list better matches first.</summary>
public enum MatchRank
{
    /// <summary>The name or the title is what was typed ("ledger" → ledger; "payments core" → Payments Core).</summary>
    Exact = 0,

    /// <summary>The name or the title starts with it ("ledger" → ledger-recon; "pay" → Payments Core).</summary>
    Prefix = 1,

    /// <summary>A later word of the name or title starts with it ("recon" → ledger-recon; "core" → Payments Core).</summary>
    WordPrefix = 2,

    /// <summary>The name or the title contains it somewhere.</summary>
    InName = 3,

    /// <summary>Only other text matches: the description, tags, an e-mail address.</summary>
    Elsewhere = 4,
}
