namespace Portal.Domain.Scorecards;

/// <summary>A saved framework version: who saved it, when, and how many criteria it has.</summary>
public sealed record FrameworkVersionInfo(int Version, string CreatedBy, DateTime CreatedAt, int Criteria);
