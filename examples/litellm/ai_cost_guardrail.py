"""LiteLLM proxy pre-call hook: asks AI Cost for Backstage whether a call may go ahead.

Register it in the proxy's config.yaml:

    litellm_settings:
      callbacks: ai_cost_guardrail.proxy_handler_instance

and set, in the proxy's environment:

    AI_COST_URL        e.g. https://backstage.example.com/api/ai-cost
    AI_COST_TOKEN      a Backstage external-access token (see the backend README)
    AI_COST_TIMEOUT_S  optional, default 0.25

Each call asks `GET /guardrails/decision` with the calling key's team tag (or
the key's entity) and the model. `deny` (only for entities that opted in with
`ai-cost/budget-enforcement`) rejects the call with HTTP 429; `warn` and
`allow` let it through. Any error or timeout lets the call through as well
(fail open): the guardrail must never take the gateway down.
"""

import logging
import os
from typing import Any, Optional

import httpx
from fastapi import HTTPException
from litellm.integrations.custom_logger import CustomLogger

logger = logging.getLogger("ai_cost_guardrail")


def _query(user_api_key_dict: Any, data: dict) -> Optional[dict]:
    """Who is calling, as the guardrail names them: an entity, or gateway tags."""
    metadata = getattr(user_api_key_dict, "metadata", None) or {}
    params: dict = {}
    if metadata.get("backstage_entity_ref"):
        params["entityRef"] = metadata["backstage_entity_ref"]
    elif getattr(user_api_key_dict, "team_alias", None):
        params["tags"] = f"team={user_api_key_dict.team_alias}"
    else:
        return None
    if data.get("model"):
        params["model"] = data["model"]
    return params


class AiCostGuardrail(CustomLogger):
    def __init__(self) -> None:
        super().__init__()
        self.url = os.environ.get("AI_COST_URL", "").rstrip("/")
        self.token = os.environ.get("AI_COST_TOKEN", "")
        self.timeout = float(os.environ.get("AI_COST_TIMEOUT_S", "0.25"))
        self.client = httpx.AsyncClient(timeout=self.timeout)

    async def decide(self, params: dict) -> Optional[dict]:
        """The decision, or None when AI Cost could not answer in time (fail open)."""
        if not self.url:
            return None
        try:
            response = await self.client.get(
                f"{self.url}/guardrails/decision",
                params=params,
                headers={"Authorization": f"Bearer {self.token}"},
            )
            response.raise_for_status()
            return response.json()
        except Exception as error:  # noqa: BLE001 - fail open on anything
            logger.warning("AI Cost guardrail unavailable, allowing: %s", error)
            return None

    async def async_pre_call_hook(
        self, user_api_key_dict: Any, cache: Any, data: dict, call_type: str
    ) -> Optional[dict]:
        params = _query(user_api_key_dict, data)
        if params is None:
            return data
        decision = await self.decide(params)
        if decision is None:
            return data
        reasons = "; ".join(decision.get("reasons") or [])
        if decision.get("decision") == "deny":
            raise HTTPException(
                status_code=429,
                detail={"error": f"Blocked by AI Cost for Backstage: {reasons}"},
            )
        if decision.get("decision") == "warn":
            logger.info("AI Cost guardrail warns for %s: %s", params, reasons)
        return data


proxy_handler_instance = AiCostGuardrail()
