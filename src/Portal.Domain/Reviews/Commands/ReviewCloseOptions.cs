using System.ComponentModel.DataAnnotations;

namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// How a review close may use the machine (<c>Reviews:CloseParallelism</c>). Packing each service's evidence is most of
/// a close's work and runs in parallel; inside the web process it leaves one core to the pages (Blazor circuits stall
/// when every core is busy), while the <c>reviews close</c> command line verb uses them all.
/// </summary>
public sealed class ReviewCloseOptions
{
    public const string Section = "Reviews";

    /// <summary>Cores a close packs rows on; 0 (the default) for every core but one, and at least one.</summary>
    [Range(0, 1_024)]
    public int CloseParallelism { get; set; }

    /// <summary>The degree of parallelism to use on a machine of <paramref name="processorCount"/> cores.</summary>
    public int DegreeOfParallelism(int processorCount) => CloseParallelism > 0 ? CloseParallelism : Math.Max(1, processorCount - 1);
}
