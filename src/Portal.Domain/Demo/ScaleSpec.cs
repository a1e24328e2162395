
namespace Portal.Domain.Demo;

/// <summary>How big a synthetic catalog to generate.</summary>
/// <param name="Services">Number of services.</param>
/// <param name="Teams">Number of teams; defaults to a fifth of the services.</param>
/// <param name="People">Number of people; defaults to twice the services.</param>
/// <param name="Systems">Number of systems; defaults to a twentieth of the services.</param>
/// <param name="EdgesPerService">Average outgoing dependencies per service.</param>
/// <param name="Seed">Random seed: the same numbers give the same catalog.</param>
public sealed record ScaleSpec(int Services, int? Teams = null, int? People = null, int? Systems = null, int EdgesPerService = 5, int Seed = 42)
{
    public int TeamCount => Teams ?? Math.Max(1, Services / 5);

    public int PeopleCount => People ?? Services * 2;

    public int SystemCount => Systems ?? Math.Max(1, Services / 20);
}
