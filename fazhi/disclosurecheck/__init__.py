"""The 政府信息公开工作年度报告 engine: the uniform format's tables (国办公开办函〔2021〕30号), their
identities, and reading a published report's tables. Plain Python with no web framework, like
``reportcheck``: it runs from the command line on a file, and inside the platform."""
