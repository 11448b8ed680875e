// The form editor of vpagen serve: shows and saves one content file.
