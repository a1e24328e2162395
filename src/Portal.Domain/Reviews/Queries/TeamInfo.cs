namespace Portal.Domain.Reviews.Queries;

/// <summary>A team as reviews show it.</summary>
public sealed record TeamInfo(Guid Id, string Ref, string Name, Guid? ParentId, string? Email);
