namespace Portal.Testing.FakeGitHub;

/// <summary>What kind of endpoint a request is for: it decides authentication and how the answer counts.</summary>
internal enum RouteKind
{
    /// <summary>REST with a token; counted and drawn from the core rate limit.</summary>
    Rest,

    /// <summary><c>GET /rate_limit</c>: answered but not counted, as on GitHub.</summary>
    RateLimit,

    /// <summary><c>POST /graphql</c>: counted, but not drawn from the REST limit.</summary>
    GraphQl,

    /// <summary>GitHub App endpoints authenticated by an app JWT; counted, not drawn from the REST limit.</summary>
    App,

    /// <summary>Web pages of the fake host (avatars, raw files): no authentication, not counted.</summary>
    Web,
}
