// The edit bar of pages served by vpagen serve.
