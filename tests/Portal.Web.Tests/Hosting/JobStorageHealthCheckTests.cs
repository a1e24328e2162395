using System.Reflection;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>The job-storage check stops waiting for a job storage that hangs, instead of holding the caller.</summary>
public sealed class JobStorageHealthCheckTests
{
    [Fact]
    public async Task CheckHealthAsync_StorageHangs_IsUnhealthyAfterTheTimeout()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        using var release = new ManualResetEventSlim();
        var check = new JobStorageHealthCheck(new HangingStorage(release), clock);

        var running = check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        var before = running.IsCompleted;
        clock.Advance(JobStorageHealthCheck.Timeout);
        var result = await running;
        release.Set();

        Assert.False(before);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("within 5 s", result.Description, StringComparison.Ordinal);
    }

    /// <summary>A job storage whose monitoring calls block until released.</summary>
    private sealed class HangingStorage(ManualResetEventSlim release) : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi()
        {
            var api = DispatchProxy.Create<IMonitoringApi, HangingProxy>();
            ((HangingProxy)(object)api).Release = release;
            return api;
        }

        public override IStorageConnection GetConnection() => throw new NotSupportedException();
    }

    /// <summary>Every call blocks until <see cref="Release"/> is set (or 30 s pass, so a failed test cannot hang the run).</summary>
    public class HangingProxy : DispatchProxy
    {
        public ManualResetEventSlim? Release { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Release?.Wait(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("released");
        }
    }
}
