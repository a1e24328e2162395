using Portal.Domain.Common;

namespace Portal.Domain.Tests.Common;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(1023, "1,023 bytes")]
    [InlineData(1024, "1 KB")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(2048, "2 KB")]
    [InlineData(1_048_576, "1 MB")]
    [InlineData(1_572_864, "1.5 MB")]
    [InlineData(52_428_800, "50 MB")]
    [InlineData(-5, "0 bytes")]
    public void Describe_Size_ReadsInTheLargestUnit(long bytes, string expected) =>
        Assert.Equal(expected, ByteSize.Describe(bytes));
}
