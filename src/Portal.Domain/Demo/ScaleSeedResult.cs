
namespace Portal.Domain.Demo;

public sealed record ScaleSeedResult(int Services, int Teams, int People, int Systems, int Dependencies, TimeSpan Elapsed);
