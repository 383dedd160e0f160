"""The rules, one module per family: SUS1xx syntax, 2xx schema, 3xx
references, 4xx indicators, 5xx content, 6xx dates and follow-up,
7xx the use of `sus_ignore`, 8xx the validation workflow (`sus revue`). Each rule's docstring is its documentation."""
