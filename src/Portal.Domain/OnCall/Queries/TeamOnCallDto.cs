using Portal.Domain.Catalog.Queries;

namespace Portal.Domain.OnCall.Queries;

/// <summary>A team's on-call at one instant, primary level first.</summary>
public sealed record TeamOnCallDto(TeamRefDto Team, IReadOnlyList<RotationOnCallDto> Levels);
